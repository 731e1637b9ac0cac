import type { ServerResponse } from "node:http";
import { keepAttempt, attemptOf } from "../outbound/attempt.ts";
import { forwardRequest, type ForwardingBin } from "../outbound/forward.ts";
import { trySend } from "../outbound/sender.ts";
import { metrics } from "../runtime/metrics.ts";
import type { CaptureResponse } from "../schemas/rules.ts";
import { setCaptureResponse } from "../store/captures.ts";
import type { StoredCapture } from "../store/stored-capture.ts";
import { encodeBody } from "../wire/body.ts";
import { withoutHopByHop } from "../wire/headers.ts";
import { allowCors, sendError } from "./answer.ts";
import { toErrorResponse } from "../http/errors.ts";
import { GUARD_HEADERS, sendableHeaders } from "../rules/answer.ts";
import { AppError } from "../runtime/errors.ts";

/**
 * Pass-through forwarding: Hookjar sits in the path, so the sender gets the target's own answer
 * (status, headers less hop-by-hop ones, body) and the capture records it. The capture was stored
 * before this runs; a target that cannot be reached answers 502, one that does not answer in time
 * 504. Never retried: the sender, which sees the failure, retries as it would have anyway.
 */

/** What a capture records while its pass-through is on its way (it is stored first). */
export const PASSING: CaptureResponse = { status: null, ruleId: null, ruleName: null, fault: null, delayMs: 0, forwarded: true };

// Node frames the body itself: the target's framing would disagree once a long body is cut off.
const FRAMING = new Set(["content-length", "transfer-encoding"]);

/** Any failure to get the target's answer is the gateway's: 504 when it did not answer in time, else 502. */
function gatewayError(error: unknown): unknown {
  const { status, body } = toErrorResponse(error);
  if (status === 502 || status === 504) return error;
  return new AppError("target_unreachable", `The forward target could not be reached: ${body.message}`);
}

export async function passThrough(res: ServerResponse, bin: ForwardingBin, base: string, capture: StoredCapture): Promise<void> {
  // CORS first: the target's own headers of those names replace Hookjar's below.
  allowCors(res.req, res);
  const request = forwardRequest(bin, base, capture);
  const outcome = await trySend(request);
  metrics().forwards.inc({ outcome: outcome.ok ? "ok" : "failed" });
  let record: CaptureResponse;
  if (outcome.ok) {
    const { status, headers, body, truncated } = outcome.response;
    const sent = sendableHeaders(withoutHopByHop(headers), FRAMING);
    record = { ...PASSING, status, headers: sent, body: { ...encodeBody(body), truncated } };
    // The record first: a sender that has its answer can read it from the API at once.
    await setCaptureResponse(capture.id, record);
    res.statusCode = status;
    res.statusMessage = outcome.response.statusText;
    // The target's own header replaces Hookjar's of that name (CORS), so a browser sees one value.
    for (const [name] of sent) res.removeHeader(name);
    for (const [name, value] of sent) res.appendHeader(name, value);
    for (const [name, value] of GUARD_HEADERS) res.setHeader(name, value);
    res.end(body);
  } else {
    const error = gatewayError(outcome.error);
    const { status, body, headers } = toErrorResponse(error);
    const json = Buffer.from(JSON.stringify(body));
    record = { ...PASSING, status, headers: [["content-type", "application/json; charset=utf-8"], ...Object.entries(headers)], body: { ...encodeBody(json), truncated: false } };
    await setCaptureResponse(capture.id, record);
    sendError(res, error);
  }
  await keepAttempt({ ...attemptOf(capture.id, "forward", request, outcome), forwardTry: 1 });
}
