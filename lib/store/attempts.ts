import type { Attempt } from "../generated/prisma/client.ts";
import { notFound } from "../runtime/errors.ts";
import { newSortableId } from "../runtime/ids.ts";
import { takeBatch } from "./batch.ts";
import { reportChange } from "./changes.ts";
import { database, db } from "./db.ts";
import type { AttemptKind, ForwardOutcome } from "../schemas/capture.ts";
import { forwardOutcome, toAttemptView } from "./views.ts";
import type { NewAttempt } from "./stored-attempt.ts";

/** Attempts: each resend, auto-forward or replay of a capture, with what was sent and what came back. */

type Pending = { row: Attempt; resolve: () => void; reject: (error: unknown) => void };

// Attempts come as fast as captures when every capture is forwarded: they are stored a batch per
// commit, as captures are, and on the database's capture connection (Database.insertAttempts).
const BATCH_ROWS = 200;
const BATCH_BYTES = 16 * 1024 * 1024;
const queue: Pending[] = [];
let flushing = false;

/** Stores an attempt and announces it; resolves once committed, rejects with 404 when its capture is gone. */
export function recordAttempt(data: NewAttempt): Promise<void> {
  const { createdAt, forwardTry, replayId, ...rest } = data;
  const row: Attempt = { ...rest, id: newSortableId(), createdAt: createdAt ?? new Date(), forwardTry: forwardTry ?? null, replayId: replayId ?? null };
  return new Promise((resolve, reject) => {
    queue.push({ row, resolve, reject });
    if (flushing) return;
    flushing = true;
    setImmediate(flush);
  });
}

async function flush() {
  while (queue.length) {
    const batch = takeBatch(queue, BATCH_ROWS, BATCH_BYTES, (p) => p.row.requestBody.length);
    try {
      const stored = new Map((await (await database()).insertAttempts(batch.map((p) => p.row))).map((a) => [a.id, a.binId]));
      for (const { row, resolve, reject } of batch) {
        const binId = stored.get(row.id);
        if (binId === undefined) {
          reject(notFound("capture"));
          continue;
        }
        reportChange({ type: "attempt:recorded", binId, captureId: row.captureId, attempt: toAttemptView(row) });
        resolve();
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
  flushing = false;
}

/** How the bin's latest auto-forward went, among the captures it still holds; null when none was forwarded. */
export async function lastForward(binId: string): Promise<ForwardOutcome | null> {
  const prisma = await db();
  const latest = await prisma.attempt.findFirst({
    where: { kind: "forward", capture: { binId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { status: true, error: true, url: true, createdAt: true },
  });
  return forwardOutcome(latest ? [latest] : []);
}
