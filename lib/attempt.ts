import { trySend, type OutboundRequest, type Outcome } from "./outbound.ts";
import { recordAttempt } from "./store.ts";

/** Sends a request on behalf of a capture (resend, auto-forward) and keeps the outcome on it. */
export async function sendAttempt(captureId: string, kind: "resend" | "forward", request: OutboundRequest): Promise<Outcome> {
  const outcome = await trySend(request);
  try {
    await recordAttempt({
      captureId,
      kind,
      method: request.method,
      url: request.url,
      requestHeaders: request.headers,
      requestBody: Uint8Array.from(request.body),
      status: outcome.ok ? outcome.response.status : null,
      error: outcome.ok ? null : outcome.error.message,
      durationMs: outcome.durationMs,
    });
  } catch (error) {
    // The capture may have been deleted meanwhile; the request was still sent and its answer stands.
    console.error(`could not record the ${kind} attempt of capture ${captureId}`, error);
  }
  return outcome;
}
