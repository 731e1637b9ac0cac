import type { Row } from "./writer-thread.ts";
import { indexNewCaptures } from "./sql.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

/**
 * Keeps SQLite's word index a moment behind the captures (the search_indexed_behind migration): once
 * captures are stored, the indexer waits DELAY_MS, then indexes all stored since, a run (one
 * transaction on the writer thread) at a time. A search scans the captures it has not reached, so
 * what it has not done yet costs a search a few hundred rows, never a result.
 *
 * A run holds up the capture batches sent after it, and every sender waiting on them: under a flood
 * a run of a few hundred captures took 3–20 ms (FTS5 merges its segments now and then). So each run
 * starts when the writer thread has no batch, which under load happens between two bursts of
 * senders, and waits at most WAIT_IDLE_MS for that.
 */

const DELAY_MS = 50;
const WAIT_IDLE_MS = 100;

export class SearchIndexer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  // Captures stored while a run was on: they need the next one.
  private again = false;
  private stopped = false;

  constructor(
    private readonly transaction: (statements: Prisma.Sql[]) => Promise<Row[][]>,
    /** Settles once the writer thread has no job. */
    private readonly idle: () => Promise<void>,
    private readonly onError: (message: string) => void,
  ) {}

  /** Captures were stored: index them shortly (one run for all stored until then). */
  soon(): void {
    if (this.running) this.again = true;
    if (this.timer || this.running || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runAll().then(() => {
        this.running = null;
        if (this.again) this.soon();
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

  /** Runs until the index has caught up (a long tail, after a crash or a flood, takes several). */
  private async runAll(): Promise<void> {
    this.again = false;
    while (!this.stopped) {
      await this.writerIdle();
      // Stopped while waiting: the writer thread is about to end.
      if (this.stopped || (await this.run()) === 0) return;
    }
  }

  private writerIdle(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, WAIT_IDLE_MS)));
    return Promise.race([this.idle(), waited]).finally(() => clearTimeout(timer));
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
