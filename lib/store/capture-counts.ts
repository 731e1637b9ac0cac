import { onChange } from "./changes.ts";
import { database } from "./db.ts";

/**
 * How many captures each bin holds, as this process last knew: counted once, then kept by the
 * capture writer and the change feed. It only decides when the writer checks a bin against its cap,
 * so capture cost stays flat in the bin's size; the prune itself asks the database. Where other
 * instances write too, a count is counted afresh once it is older than REFRESH_MS.
 */

const REFRESH_MS = 10_000;

type Known = { n: number; countedAt: number };

export class CaptureCounts {
  private readonly known = new Map<string, Known>();

  constructor() {
    onChange((change) => {
      if (change.type === "captures:deleted") this.add(change.binId, -change.ids.length);
      else if (change.type === "bin:cleared") this.set(change.binId, 0);
      else if (change.type === "bin:deleted") this.forget(change.binId);
    });
  }

  /** The bin's count after `stored` more captures, counting it in the database when unknown or stale. */
  async afterStoring(binId: string, stored: number): Promise<number> {
    const known = this.known.get(binId);
    const { shared, prisma } = await database();
    if (known && !(shared && Date.now() - known.countedAt > REFRESH_MS)) return this.add(binId, stored);
    const [row] = await prisma.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "Capture" WHERE "binId" = ${binId}`;
    this.set(binId, Number(row.n));
    return Number(row.n);
  }

  set(binId: string, n: number) {
    this.known.set(binId, { n, countedAt: Date.now() });
  }

  forget(binId: string) {
    this.known.delete(binId);
  }

  private add(binId: string, delta: number): number {
    const known = this.known.get(binId);
    if (!known) return NaN;
    known.n = Math.max(0, known.n + delta);
    return known.n;
  }
}

const counts = new CaptureCounts();
export const captureCounts = () => counts;
