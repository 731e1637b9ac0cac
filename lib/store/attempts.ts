import { newSortableId } from "../runtime/ids.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import { reportChange } from "./changes.ts";
import { db } from "./db.ts";
import type { AttemptKind, ForwardOutcome } from "../schemas/capture.ts";
import { forwardOutcome, toAttemptView } from "./views.ts";

/** Attempts: each resend, auto-forward or replay of a capture, with what was sent and what came back. */

export type NewAttempt = {
  captureId: string;
  kind: AttemptKind;
  method: string;
  url: string;
  requestHeaders: HeaderPairs;
  requestBody: Uint8Array<ArrayBuffer>;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** A forward's try (1, 2, …); absent for other kinds. */
  forwardTry?: number;
  /** When the request went out, when known; else when it is recorded. */
  createdAt?: Date;
  /** The replay a `replay` attempt belongs to. */
  replayId?: string;
};

export async function recordAttempt(data: NewAttempt): Promise<void> {
  const prisma = await db();
  const { capture, ...attempt } = await prisma.attempt.create({
    data: { id: newSortableId(), ...data },
    include: { capture: { select: { binId: true } } },
  });
  reportChange({ type: "attempt:recorded", binId: capture.binId, captureId: data.captureId, attempt: toAttemptView(attempt) });
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
