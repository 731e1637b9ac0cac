import { encodeBody } from "../wire/body.ts";
import type { Attempt, Bin, Capture } from "../generated/prisma/client.ts";
import type { BinDetail, BinView, CustomResponse, Forward } from "../schemas/bin.ts";
import type { AttemptView, CaptureSummary, CaptureView } from "../schemas/capture.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import type { CaptureResponse } from "../schemas/rules.ts";

/** Database rows → the JSON shapes of the contract (SPEC.md). */

export function binUrls(id: string, origin: string) {
  return { captureUrl: `${origin}/b/${id}`, inspectUrl: `${origin}/bins/${id}` };
}

export function toBinView(bin: Bin, origin: string): BinView {
  return { id: bin.id, name: bin.name, ...binUrls(bin.id, origin), createdAt: bin.createdAt.toISOString() };
}

export const forwardOf = (bin: Pick<Bin, "forwardUrl" | "forwardEnabled">): Forward | null =>
  bin.forwardUrl ? { url: bin.forwardUrl, enabled: bin.forwardEnabled } : null;

export function toBinDetail(bin: Bin, origin: string, requestCount: number): BinDetail {
  return {
    ...toBinView(bin, origin),
    requestCount,
    response: (bin.response as CustomResponse | null) ?? null,
    forward: forwardOf(bin),
    private: bin.viewTokenHash !== null,
  };
}

// Prisma reads `seq` as a bigint; captures just written carry it as a number.
type SummaryFields = Omit<Capture, "headers" | "body" | "httpVersion" | "seq" | "response" | "responseStatus"> & {
  seq: bigint | number;
  response: unknown;
};

export function toSummary(c: SummaryFields): CaptureSummary {
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
    responseStatus: (c.response as CaptureResponse | null)?.status ?? null,
  };
}

export function toAttemptView(a: Attempt): AttemptView {
  return {
    id: a.id,
    kind: a.kind as AttemptView["kind"],
    method: a.method,
    url: a.url,
    status: a.status,
    error: a.error,
    durationMs: a.durationMs,
    createdAt: a.createdAt.toISOString(),
    request: { headers: a.requestHeaders as HeaderPairs, body: encodeBody(a.requestBody) },
  };
}

export function toCaptureView(c: Capture & { attempts: Attempt[] }): CaptureView {
  return {
    ...toSummary(c),
    headers: c.headers as HeaderPairs,
    httpVersion: c.httpVersion,
    body: encodeBody(c.body),
    response: (c.response as CaptureResponse | null) ?? null,
    attempts: c.attempts.map(toAttemptView),
  };
}
