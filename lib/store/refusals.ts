import { log } from "../runtime/log.ts";
import { newSortableId } from "../runtime/ids.ts";
import { REFUSALS_PER_BIN, type RefusalReason, type RefusalView } from "../schemas/refusal.ts";
import { reportChange } from "./changes.ts";
import { db } from "./db.ts";
import { toRefusalView } from "./views.ts";

/**
 * Requests a known bin refused (too large, rate limited), counted in memory per bin, reason and
 * minute, and written every REFUSAL_FLUSH_MS as one upsert per such row: a flood of ten thousand
 * refusals costs a handful of writes, and the bin keeps at most REFUSALS_PER_BIN rows.
 */

export const REFUSAL_FLUSH_MS = 250;
const MINUTE_MS = 60_000;
// Rows waiting for the next flush; a flood spread over more bins than this drops the excess.
const MAX_PENDING = 10_000;

export type Refused = {
  binId: string;
  reason: RefusalReason;
  status: number;
  method: string;
  path: string;
  bodySize: number | null;
  at: Date;
};

type Pending = { minute: number; count: number; firstAt: Date; last: Refused };

class RefusalCounter {
  private pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  // Flushes run one after another, so a row's increments never race each other.
  private writing: Promise<void> = Promise.resolve();

  add(refused: Refused): void {
    const minute = Math.floor(refused.at.getTime() / MINUTE_MS) * MINUTE_MS;
    const key = `${refused.binId}\n${refused.reason}\n${minute}`;
    const entry = this.pending.get(key);
    if (entry) {
      entry.count++;
      entry.last = refused;
    } else if (this.pending.size < MAX_PENDING) {
      this.pending.set(key, { minute, count: 1, firstAt: refused.at, last: refused });
    }
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), REFUSAL_FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is counted so far; settles once it (and any flush before it) is written. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.writing = this.writing
      .then(() => write(batch))
      .catch((error: unknown) => log().error({ error: (error as Error).message }, "could not record refused requests"));
    return this.writing;
  }

  /** Drops what is counted for a bin being cleared or deleted, once a flush under way is written. */
  async forget(binId: string): Promise<void> {
    for (const [key, entry] of this.pending) if (entry.last.binId === binId) this.pending.delete(key);
    await this.writing;
  }
}

const counter = new RefusalCounter();

export const countRefusal = (refused: Refused) => counter.add(refused);
export const flushRefusals = () => counter.flush();
export const forgetRefusals = (binId: string) => counter.forget(binId);

async function write(batch: Pending[]): Promise<void> {
  if (batch.length === 0) return;
  const prisma = await db();
  const touched = new Set<string>();
  for (const { minute, count, firstAt, last } of batch) {
    const { binId, reason, status, method, path, bodySize, at } = last;
    try {
      const row = await prisma.refusal.upsert({
        where: { binId_reason_minute: { binId, reason, minute: new Date(minute) } },
        create: { id: newSortableId(), binId, reason, status, minute: new Date(minute), count, method, path, bodySize, firstAt, lastAt: at },
        update: { count: { increment: count }, method, path, bodySize, lastAt: at },
      });
      touched.add(binId);
      reportChange({ type: "refusal:updated", refusal: toRefusalView(row) });
    } catch (error) {
      // Most likely the bin was deleted since (its rows went with it): nothing is left to count.
      log().warn({ binId, reason, error: (error as Error).message }, "could not record refused requests");
    }
  }
  for (const binId of touched) await keepNewest(binId).catch((error: unknown) => log().warn({ binId, error: (error as Error).message }, "could not prune refusals"));
}

async function keepNewest(binId: string) {
  const prisma = await db();
  const old = await prisma.refusal.findMany({ where: { binId }, orderBy: [{ minute: "desc" }, { id: "desc" }], skip: REFUSALS_PER_BIN, select: { id: true } });
  if (old.length) await prisma.refusal.deleteMany({ where: { id: { in: old.map((r) => r.id) } } });
}

/** The bin's refusal rows, newest first. */
export async function listRefusals(binId: string): Promise<RefusalView[]> {
  const prisma = await db();
  const rows = await prisma.refusal.findMany({ where: { binId }, orderBy: [{ lastAt: "desc" }, { id: "desc" }], take: REFUSALS_PER_BIN });
  return rows.map(toRefusalView);
}

/** For "clear bin": its refusal rows go with its captures. */
export async function clearRefusals(binId: string): Promise<void> {
  await forgetRefusals(binId);
  const prisma = await db();
  await prisma.refusal.deleteMany({ where: { binId } });
}

/** For retention: rows whose last refusal is older than `before`. */
export async function deleteRefusalsBefore(before: Date): Promise<void> {
  const prisma = await db();
  await prisma.refusal.deleteMany({ where: { lastAt: { lt: before } } });
}
