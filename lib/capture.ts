import type { IncomingMessage, ServerResponse } from "node:http";
import { config } from "./config.ts";
import { forwardCapture } from "./forward.ts";
import { headerPairs } from "./headers.ts";
import { RateLimiter } from "./rate-limit.ts";
import { announceCapture } from "./realtime.ts";
import type { CustomResponse } from "./schemas/bin.ts";
import { findBinCached, saveCapture } from "./store.ts";
import { toSummary } from "./views.ts";

/** The capture path, `ANY /b/{binId}[/…][?query]`, served from the raw Node request. */

export const CAPTURE_PREFIX = "/b/";

const limiter = new RateLimiter(config.RATE_LIMIT_PER_MIN);

export function isCapturePath(url: string | undefined): boolean {
  return !!url && url.startsWith(CAPTURE_PREFIX);
}

/** Splits the request target exactly as sent: no decoding, no normalisation. */
export function parseCaptureTarget(url: string) {
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? "" : url.slice(q + 1);
  const rest = pathname.slice(CAPTURE_PREFIX.length);
  const slash = rest.indexOf("/");
  if (slash === -1) return { binId: rest, path: "/", query };
  return { binId: rest.slice(0, slash), path: rest.slice(slash), query };
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...extra });
  res.end(JSON.stringify(body));
}

function allowCors(req: IncomingMessage, res: ServerResponse) {
  res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
  res.setHeader("vary", "origin");
  res.setHeader("access-control-allow-credentials", "true");
  res.setHeader("access-control-expose-headers", "*");
}

/** Answers a browser's preflight with whatever it asked for, so no sender ever hits a CORS wall. */
function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  const method = req.headers["access-control-request-method"];
  if (req.method !== "OPTIONS" || !method) return false;
  res.writeHead(204, {
    "access-control-allow-methods": method,
    "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
    "access-control-max-age": "86400",
  });
  res.end();
  return true;
}

type BodyResult = { ok: true; body: Uint8Array<ArrayBuffer> } | { ok: false };

/** Reads the body up to the limit; past it, stops keeping bytes and reports failure. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve({ ok: true, body: Buffer.concat(chunks, size) }));
    req.on("error", reject);
  });
}

function tooLarge(res: ServerResponse) {
  // Closing the connection stops a large sender instead of reading (and discarding) all of it.
  sendJson(res, 413, {
    error: "payload_too_large",
    message: `The body is larger than this server accepts (${config.MAX_BODY_BYTES} bytes).`,
    limit: config.MAX_BODY_BYTES,
  }, { connection: "close" });
}

export async function handleCapture(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = new Date();
  const { binId, path, query } = parseCaptureTarget(req.url ?? "/");
  allowCors(req, res);
  const bin = binId ? await findBinCached(binId) : null;
  if (!bin) {
    req.resume();
    return sendJson(res, 404, { error: "bin_not_found", message: "No bin with that id." });
  }
  const wait = limiter.take(bin.id);
  if (wait > 0) {
    req.resume();
    return sendJson(res, 429, {
      error: "rate_limited",
      message: `This bin takes at most ${config.RATE_LIMIT_PER_MIN} requests a minute; retry in ${wait} s.`,
    }, { "retry-after": String(wait) });
  }
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > config.MAX_BODY_BYTES) {
    req.resume();
    return tooLarge(res);
  }
  const read = await readBody(req, config.MAX_BODY_BYTES);
  if (!read.ok) {
    req.resume();
    return tooLarge(res);
  }
  const stored = await saveCapture({
    binId: bin.id,
    method: req.method ?? "GET",
    path,
    query,
    headers: headerPairs(req.rawHeaders),
    body: read.body,
    contentType: req.headers["content-type"] ?? null,
    remoteAddress: req.socket.remoteAddress ?? null,
    httpVersion: req.httpVersion,
    receivedAt,
  });
  announceCapture(toSummary(stored));
  await acknowledge(req, res, bin.response as CustomResponse | null, stored.id);
  forwardCapture(bin, stored);
}

async function acknowledge(req: IncomingMessage, res: ServerResponse, custom: CustomResponse | null, id: string) {
  if (answerPreflight(req, res)) return;
  if (custom) return sendCustom(res, custom);
  sendJson(res, 200, { ok: true, id });
}

const FRAMING = new Set(["content-length", "transfer-encoding", "connection"]);

async function sendCustom(res: ServerResponse, custom: CustomResponse) {
  if (custom.delayMs > 0) await new Promise((r) => setTimeout(r, custom.delayMs));
  res.statusCode = custom.status;
  for (const [name, value] of custom.headers) {
    // Node frames the body itself; a framing header that disagreed would corrupt the connection.
    if (!FRAMING.has(name.toLowerCase())) res.appendHeader(name, value);
  }
  res.end(custom.body);
}
