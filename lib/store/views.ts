import { config } from "../runtime/config.ts";
import { encodeBody } from "../wire/body.ts";
import { sha256Hex } from "./delivery.ts";
import type { Attempt, Bin, Capture, ForwardRetry, Refusal } from "../generated/prisma/client.ts";
import type { BinDetail, BinView, CustomResponse, Forward } from "../schemas/bin.ts";
import { forwardOutcomeOf, type AttemptView, type CaptureSummary, type CaptureView, type ForwardOutcome } from "../schemas/capture.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import type { RefusalReason, RefusalView } from "../schemas/refusal.ts";
import type { CaptureResponse } from "../schemas/rules.ts";
import { detectScheme } from "../schemas/signature.ts";

/** Database rows → the JSON shapes of the contract (docs/api.md). */

export function binUrls(id: string, origin: string) {
  return { captureUrl: `${origin}/b/${id}`, inspectUrl: `${origin}/bins/${id}` };
}

export function toBinView(bin: Bin, origin: string): BinView {
  return { id: bin.id, name: bin.name, ...binUrls(bin.id, origin), createdAt: bin.createdAt.toISOString() };
}

export const forwardOf = (bin: Pick<Bin, "forwardUrl" | "forwardEnabled" | "forwardMode" | "forwardTimeoutMs">): Forward | null =>
  bin.forwardUrl
    ? { url: bin.forwardUrl, enabled: bin.forwardEnabled, mode: bin.forwardMode as Forward["mode"], timeoutMs: bin.forwardTimeoutMs }
    : null;

export function toBinDetail(bin: Bin, origin: string, requestCount: number, lastForward: ForwardOutcome | null): BinDetail {
  return {
    ...toBinView(bin, origin),
    requestCount,
    response: (bin.response as CustomResponse | null) ?? null,
    forward: forwardOf(bin),
    lastForward,
    private: bin.viewTokenHash !== null,
    managed: bin.manageKeyHash !== null,
    limits: binLimits(),
  };
}

export const binLimits = (): BinDetail["limits"] => ({
  maxCapturesPerBin: config.MAX_CAPTURES_PER_BIN,
  retentionDays: config.RETENTION_DAYS,
  rateLimitPerMin: config.RATE_LIMIT_PER_MIN,
});

// Prisma reads `seq` as a bigint; captures just written carry it as a number.
type SummaryFields = Omit<Capture, "headers" | "body" | "httpVersion" | "seq" | "response" | "responseStatus"> & {
  seq: bigint | number;
  response: unknown;
  headers: unknown;
};

type ForwardFields = Pick<Attempt, "status" | "error" | "url" | "createdAt">;

/** The outcome of the newest of these forward attempts (newest first), or null. */
export const forwardOutcome = (forwards: ForwardFields[]): ForwardOutcome | null =>
  forwards[0] ? forwardOutcomeOf({ ...forwards[0], createdAt: forwards[0].createdAt.toISOString() }) : null;

/** `forward`: the capture's latest forward, if any (a capture just stored has none yet). */
export function toSummary(c: SummaryFields, forward: ForwardOutcome | null = null): CaptureSummary {
  const response = c.response as CaptureResponse | null;
  return {
    id: c.id,
    seq: Number(c.seq),
    binId: c.binId,
    method: c.method,
    path: c.path,
    query: c.query,
    contentType: c.contentType,
    bodySize: c.bodySize,
    remoteAddress: c.remoteAddress,
    receivedAt: c.receivedAt.toISOString(),
    responseStatus: response?.status ?? null,
    fault: response?.fault ?? null,
    // The list's signature badges judge each capture by the secret of its own scheme.
    scheme: detectScheme(c.headers as HeaderPairs),
    deliveryId: c.deliveryId,
    duplicateOf: c.duplicateOf,
    bodySha256: c.bodySha256,
    forward,
  };
}

export function toAttemptView(a: Attempt): AttemptView {
  return {
    id: a.id,
    kind: a.kind as AttemptView["kind"],
    replayId: a.replayId,
    method: a.method,
    url: a.url,
    status: a.status,
    error: a.error,
    durationMs: a.durationMs,
    createdAt: a.createdAt.toISOString(),
    try: a.forwardTry,
    request: { headers: a.requestHeaders as HeaderPairs, body: encodeBody(a.requestBody), sha256: sha256Hex(a.requestBody) },
  };
}

/** How many tries an auto-forward gets in all. */
export const forwardTries = () => config.FORWARD_RETRIES + 1;

export function toCaptureView(c: Capture & { attempts: Attempt[]; forwardRetry: ForwardRetry | null }): CaptureView {
  return {
    ...toSummary(c, forwardOutcome(c.attempts.filter((a) => a.kind === "forward"))),
    headers: c.headers as HeaderPairs,
    httpVersion: c.httpVersion,
    body: encodeBody(c.body),
    response: (c.response as CaptureResponse | null) ?? null,
    attempts: c.attempts.map(toAttemptView),
    forwardRetry: c.forwardRetry ? { try: c.forwardRetry.nextTry, of: forwardTries(), at: c.forwardRetry.dueAt.toISOString() } : null,
  };
}

export function toRefusalView(r: Refusal): RefusalView {
  return {
    id: r.id,
    binId: r.binId,
    reason: r.reason as RefusalReason,
    status: r.status,
    minute: r.minute.toISOString(),
    count: r.count,
    method: r.method,
    path: r.path,
    bodySize: r.bodySize,
    firstAt: r.firstAt.toISOString(),
    lastAt: r.lastAt.toISOString(),
  };
}
