import type { Row } from "./writer-thread.ts";
import { indexNewCaptures } from "./sql.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

/**
 * Keeps SQLite's word index a moment behind the captures (the search_indexed_behind migration): once
 * captures are stored, a run waits DELAY_MS and then indexes all stored since the last run, as one
 * transaction on the writer thread, between two batches. A search scans the captures it has not
 * reached, so what it has not done yet costs a search a few hundred rows, never a result.
 */

// Under a flood, a run every 50 ms takes a few hundred captures (about 5 µs each, 1–3 ms of the writer thread).
const DELAY_MS = 50;

export class SearchIndexer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  // Captures stored while a run was on: they need the next one.
  private again = false;
  private stopped = false;

  constructor(
    private readonly transaction: (statements: Prisma.Sql[]) => Promise<Row[][]>,
    private readonly onError: (message: string) => void,
  ) {}

  /** Captures were stored: index them shortly (one run for all stored until then). */
  soon(): void {
    if (this.running) this.again = true;
    if (this.timer || this.running || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.run().then((behind) => {
        this.running = null;
        // A long tail (after a crash) is taken a run at a time.
        const more = behind > 0 || this.again;
        this.again = false;
        if (more) this.soon();
      });
    }, DELAY_MS);
    // Never what keeps a stopping process alive: the next start indexes what is left.
    this.timer.unref();
  }

  /** Runs no more: the run in progress, if any, ends first. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One run; answers how many seqs are still behind (0 after a failure: the next stored capture tries again). */
  private async run(): Promise<number> {
    try {
      const results = await this.transaction(indexNewCaptures());
      return Number((results.at(-1)![0] as { behind: number | bigint }).behind);
    } catch (error) {
      // Searches stay exact meanwhile: they scan what is not indexed.
      this.onError(String((error as Error).message ?? error));
      return 0;
    }
  }
}
