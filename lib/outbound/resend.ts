import { sendAttempt } from "./attempt.ts";
import { config } from "../runtime/config.ts";
import { trySend, type OutboundRequest } from "./sender.ts";
import type { ResendRequest, ResendResult } from "../schemas/resend.ts";
import { privateTargetsAllowed } from "./ssrf.ts";
import { signRequest } from "../signatures/sign.ts";
import { decodeBody, encodeBody } from "../wire/body.ts";

/**
 * Edit & resend: sends what the user gave, answers with what the target said. A `captureId` must
 * have been checked by the caller: the capture exists and the caller may see its bin.
 */
export async function resend(input: ResendRequest): Promise<ResendResult> {
  const body = decodeBody(input.body);
  const { url, headers, signed } = input.sign
    ? signRequest(input.url, input.headers, body, input.sign)
    : { url: input.url, headers: input.headers, signed: undefined };
  const request: OutboundRequest = {
    method: input.method,
    url,
    headers,
    body,
    timeoutMs: input.timeoutMs,
    allowPrivate: privateTargetsAllowed(config),
  };
  const outcome = input.captureId ? await sendAttempt(input.captureId, "resend", request) : await trySend(request);
  if (!outcome.ok) throw outcome.error;
  const { response } = outcome;
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: { ...encodeBody(response.body), truncated: response.truncated },
    durationMs: response.durationMs,
    ...(signed ? { signed } : {}),
  };
}
