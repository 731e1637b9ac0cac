import { notFound } from "../runtime/errors.ts";
import { config } from "../runtime/config.ts";
import { newSortableId } from "../runtime/ids.ts";
import { captureCounts } from "./capture-counts.ts";
import { reportChange } from "./changes.ts";
import { deliveryIdOf, sha256Hex } from "./delivery.ts";
import type { NewCapture, StoredCapture } from "./stored-capture.ts";
import { database, db } from "./db.ts";
import { toSummary } from "./views.ts";

/**
 * The capture path's write queue. Concurrent captures are group-committed: one transaction for
 * all that arrived while the previous batch was being written, so the ORM's per-call cost is
 * shared. A sender is answered only after its capture's batch has committed.
 */

type Pending = { row: StoredCapture; resolve: () => void; reject: (e: unknown) => void };

const BATCH_ROWS = 500;
const BATCH_BYTES = 32 * 1024 * 1024;

export class CaptureWriter {
  private readonly queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  /** Stores a capture durably; resolves once its batch has committed. */
  save(capture: NewCapture): Promise<StoredCapture> {
    const row: StoredCapture = {
      ...capture,
      id: newSortableId(capture.receivedAt.getTime()),
      seq: 0,
      bodySize: capture.body.length,
      deliveryId: deliveryIdOf(capture.headers, capture.body),
      bodySha256: sha256Hex(capture.body),
      duplicateOf: null,
    };
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve: () => resolve(row), reject });
      this.flushing ??= new Promise<void>((started) => setImmediate(started)).then(() => this.flush());
    });
  }

  /** Captures waiting for their batch to commit. */
  get depth(): number {
    return this.queue.length;
  }

  /** Settles once everything queued so far has committed (or failed). */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush() {
    try {
      await this.drain();
    } catch (error) {
      for (const p of this.queue.splice(0)) p.reject(error);
    } finally {
      this.flushing = null;
    }
  }

  private async drain() {
    while (this.queue.length) {
      let bytes = 0;
      let n = 0;
      while (n < this.queue.length && n < BATCH_ROWS && (n === 0 || bytes + this.queue[n].row.bodySize <= BATCH_BYTES)) {
        bytes += this.queue[n].row.bodySize;
        n++;
      }
      const batch = this.queue.splice(0, n);
      let stored: StoredCapture[];
      try {
        stored = await (await database()).insertCaptures(batch.map((p) => p.row));
      } catch (error) {
        for (const p of batch) p.reject(error);
        continue;
      }
      for (const row of stored) reportChange({ type: "capture:stored", capture: toSummary(row) });
      const committed = new Set(stored);
      // Left out: the bin was deleted after the capture path looked it up.
      for (const p of batch) if (committed.has(p.row)) p.resolve();
      else p.reject(notFound("bin"));
      await pruneBins(stored);
    }
  }
}

/**
 * Keeps each bin at MAX_CAPTURES_PER_BIN by dropping its oldest captures. The bin's known count
 * says when to look, so a bin below its cap costs nothing however large it is.
 */
async function pruneBins(stored: StoredCapture[]) {
  const added = new Map<string, number>();
  for (const row of stored) added.set(row.binId, (added.get(row.binId) ?? 0) + 1);
  const prisma = await db();
  for (const [binId, n] of added) {
    if (!((await captureCounts().afterStoring(binId, n)) > config.MAX_CAPTURES_PER_BIN)) continue;
    const gone = await prisma.$queryRaw<{ id: string }[]>`DELETE FROM "Capture" WHERE "binId" = ${binId} AND "seq" <= (
      SELECT "seq" FROM "Capture" WHERE "binId" = ${binId} ORDER BY "seq" DESC LIMIT 1 OFFSET ${config.MAX_CAPTURES_PER_BIN})
      RETURNING "id"`;
    if (gone.length === 0) {
      // The known count was behind (another instance pruned): count afresh next time.
      captureCounts().forget(binId);
      continue;
    }
    reportChange({ type: "captures:deleted", binId, ids: gone.map((r) => r.id), reason: "cap" });
    captureCounts().set(binId, config.MAX_CAPTURES_PER_BIN);
  }
}

/** The process's one capture writer. */
const writer = new CaptureWriter();
export const captureWriter = () => writer;

export const saveCapture = (capture: NewCapture) => captureWriter().save(capture);
