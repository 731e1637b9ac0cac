import { notFound } from "../runtime/errors.ts";
import { config } from "../runtime/config.ts";
import { log } from "../runtime/log.ts";
import { newSortableId } from "../runtime/ids.ts";
import { takeBatch } from "./batch.ts";
import { captureCounts } from "./capture-counts.ts";
import { reportChange } from "./changes.ts";
import { deliveryIdOf, sha256Hex } from "./delivery.ts";
import type { NewCapture, StoredCapture } from "./stored-capture.ts";
import { PartlyStored, type Database } from "./database.ts";
import { database } from "./db.ts";
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
  // The batch being written: its senders wait too.
  private writing = 0;
  private flushing: Promise<void> | null = null;
  // While batches are being written: sends what is queued, if the database takes another batch now.
  private sendMore: (() => void) | null = null;
  private sendSoon = false;

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
      // Captures that arrive while a batch commits go out as the next one in this turn of the event
      // loop, rather than when that batch comes back. Waiting made the event loop and the writer take
      // turns, each idle while the other worked, and the senders arrive in bursts.
      if (this.sendMore && !this.sendSoon) {
        this.sendSoon = true;
        setImmediate(() => {
          this.sendSoon = false;
          this.sendMore?.();
        });
      }
    });
  }

  /** Captures waiting for their batch to commit, the one being written included. */
  get depth(): number {
    return this.queue.length + this.writing;
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
      this.sendMore = null;
      this.flushing = null;
      // A capture queued in the moment between the last batch and here would otherwise wait for the next one.
      if (this.queue.length) this.flushing = this.flush();
    }
  }

  private async drain() {
    const store = await database();
    const sent: { batch: Pending[]; writing: Promise<StoredCapture[] | Error> }[] = [];
    // The database starts on the next batch while this one's senders are answered, and may take more
    // than one batch at a time (SQLite's writer thread queues them), so it never waits for the event loop.
    const send = () => {
      while (sent.length < store.batchesInFlight && this.queue.length) {
        const batch = this.take();
        sent.push({ batch, writing: this.write(store, batch) });
      }
    };
    send();
    this.sendMore = send;
    while (sent.length) {
      const { batch, writing } = sent[0];
      const stored = await writing;
      sent.shift();
      send();
      // Whatever happens here, every sender of this batch is answered, and the batches already sent are awaited.
      try {
        const rows = stored instanceof PartlyStored ? stored.stored : stored instanceof Error ? [] : stored;
        for (const row of rows) reportChange({ type: "capture:stored", capture: toSummary(row) });
        const committed = new Set(rows);
        // Left out of a batch that was stored: the bin was deleted after the capture path looked it up.
        // (The error is made only then: an error's stack costs more than answering a whole batch.)
        for (const p of batch) if (committed.has(p.row)) p.resolve();
        else p.reject(stored instanceof Error ? stored : notFound("bin"));
        // Pruning is housekeeping: a failure is logged.
        await pruneBins(rows).catch((error: unknown) => log().error({ error: String(error) }, "pruning bins to their cap failed"));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
      this.writing -= batch.length;
      // Captures that arrived while this batch was answered.
      send();
    }
  }

  /** The next batch: as many queued captures as one INSERT takes. */
  private take(): Pending[] {
    const batch = takeBatch(this.queue, BATCH_ROWS, BATCH_BYTES, (p) => p.row.bodySize);
    this.writing += batch.length;
    return batch;
  }

  /** Stores a batch; answers the rows stored, or the error that failed them all. */
  private async write(store: Database, batch: Pending[]): Promise<StoredCapture[] | Error> {
    try {
      return await store.insertCaptures(batch.map((p) => p.row));
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
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
  const store = await database();
  for (const [binId, n] of added) {
    if (!((await captureCounts().afterStoring(binId, n)) > config.MAX_CAPTURES_PER_BIN)) continue;
    const gone = await store.pruneCaptures(binId, config.MAX_CAPTURES_PER_BIN);
    if (gone.length === 0) {
      // The known count was behind (another instance pruned): count afresh next time.
      captureCounts().forget(binId);
      continue;
    }
    reportChange({ type: "captures:deleted", binId, ids: gone, reason: "cap" });
    captureCounts().set(binId, config.MAX_CAPTURES_PER_BIN);
  }
}

/** The process's one capture writer. */
const writer = new CaptureWriter();
export const captureWriter = () => writer;

export const saveCapture = (capture: NewCapture) => captureWriter().save(capture);
