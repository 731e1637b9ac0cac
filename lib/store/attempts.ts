import { newSortableId } from "../runtime/ids.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import { reportChange } from "./changes.ts";
import { db } from "./db.ts";
import { toAttemptView } from "./views.ts";

/** Attempts: each resend or auto-forward of a capture, with what was sent and what came back. */

export type NewAttempt = {
  captureId: string;
  kind: "resend" | "forward";
  method: string;
  url: string;
  requestHeaders: HeaderPairs;
  requestBody: Uint8Array<ArrayBuffer>;
  status: number | null;
  error: string | null;
  durationMs: number;
};

export async function recordAttempt(data: NewAttempt): Promise<void> {
  const prisma = await db();
  const { capture, ...attempt } = await prisma.attempt.create({
    data: { id: newSortableId(), ...data },
    include: { capture: { select: { binId: true } } },
  });
  reportChange({ type: "attempt:recorded", binId: capture.binId, captureId: data.captureId, attempt: toAttemptView(attempt) });
}
