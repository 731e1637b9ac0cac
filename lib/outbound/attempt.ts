import { recordAttempt } from "../store/attempts.ts";
import type { NewAttempt } from "../store/stored-attempt.ts";
import type { AttemptKind } from "../schemas/capture.ts";
import { trySend, type OutboundRequest, type Outcome } from "./sender.ts";

/** Stores an attempt; never throws (the request went out either way). */
export async function keepAttempt(data: NewAttempt): Promise<void> {
  try {
    await recordAttempt(data);
  } catch (error) {
    // The capture may have been deleted meanwhile; the request was still sent and its answer stands.
    console.error(`could not record the ${data.kind} attempt of capture ${data.captureId}`, error);
  }
}

/** Sends a request on behalf of a capture (resend, auto-forward, replay) and keeps the outcome on it. */
export async function sendAttempt(captureId: string, kind: AttemptKind, request: OutboundRequest): Promise<Outcome> {
  const outcome = await trySend(request);
  await keepAttempt(attemptOf(captureId, kind, request, outcome));
  return outcome;
}

/** What is kept of a request sent for a capture: the request as sent and its outcome. */
export function attemptOf(captureId: string, kind: AttemptKind, request: OutboundRequest, outcome: Outcome, replayId?: string): NewAttempt {
  return {
    captureId,
    kind,
    method: request.method,
    url: request.url,
    requestHeaders: request.headers,
    requestBody: Uint8Array.from(request.body),
    status: outcome.ok ? outcome.response.status : null,
    error: outcome.ok ? null : outcome.error.message,
    durationMs: outcome.durationMs,
    ...(replayId ? { replayId } : {}),
  };
}
