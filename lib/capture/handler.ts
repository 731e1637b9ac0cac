import type { IncomingMessage, ServerResponse } from "node:http";
import { toErrorResponse } from "../http/errors.ts";
import { AppError } from "../runtime/errors.ts";
import { forwardCapture, forwardTarget, wasForwarded } from "../outbound/forward.ts";
import { config } from "../runtime/config.ts";
import { log } from "../runtime/log.ts";
import { metrics } from "../runtime/metrics.ts";
import { clientAddress } from "../runtime/trust-proxy.ts";
import { findBinCached } from "../store/bins.ts";
import { saveCapture } from "../store/capture-writer.ts";
import { database } from "../store/db.ts";
import type { RateLimit } from "../store/rate-limit.ts";
import { headerPairs } from "../wire/headers.ts";
import { allowCors, answerRecord, decideAnswer, sendAnswer, sendError } from "./answer.ts";
import { readBody } from "./body.ts";
import { keepRefusal } from "./refusal.ts";
import { parseCaptureTarget } from "./target.ts";
import { PASSING, passThrough } from "./pass-through.ts";

/**
 * The capture path, `ANY /b/{binId}[/…][?query]`, served from the raw Node request: look the bin
 * up, read the body, hand it to the writer (which announces it once committed), answer, forward.
 */

// Several instances may serve one bin: the store keeps the limit where all of them count.
let rateLimiter: Promise<RateLimit> | undefined;
const limiter = () => (rateLimiter ??= database().then((store) => store.rateLimiter(config.RATE_LIMIT_PER_MIN)));

const tooLarge = () =>
  new AppError(
    "payload_too_large",
    `The body is larger than this server accepts (${config.MAX_BODY_BYTES} bytes).`,
    { limit: config.MAX_BODY_BYTES },
    // Closing the connection stops a large sender instead of reading (and discarding) all of it.
    { connection: "close" },
  );

export async function handleCapture(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await capture(req, res);
    metrics().captures.inc({ outcome: "stored" });
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    req.resume();
    const { binId, path } = parseCaptureTarget(req.url ?? "/");
    refuseCapture(res, error, binId ?? undefined);
    if (binId) keepRefusal(req, error, binId, path);
  }
}

/** Answers a capture request that stores nothing, and counts it (4xx refused, 5xx failed). */
export function refuseCapture(res: ServerResponse, error: unknown, binId?: string): void {
  allowCors(res.req, res);
  const { status, body } = toErrorResponse(error);
  if (status >= 500) {
    metrics().captures.inc({ outcome: "failed" });
    log().error({ binId, error: (error as Error).message }, "capture failed");
  } else {
    metrics().captures.inc({ outcome: "refused" });
    metrics().refused.inc({ reason: body.error });
    noteRefusal(body.error, binId);
  }
  sendError(res, error);
}

const BURST_MS = 60_000;
const bursts = new Map<string, { since: number; more: number }>();

/** One log line per burst of refusals for a reason, not one per request: a flood must not flood the log too. */
function noteRefusal(reason: string, binId: string | undefined) {
  const now = Date.now();
  const burst = bursts.get(reason);
  if (burst && now - burst.since < BURST_MS) return void burst.more++;
  log().warn({ reason, binId, refusedSinceLastLine: burst?.more ?? 0 }, "refusing requests");
  bursts.set(reason, { since: now, more: 0 });
}

async function capture(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = new Date();
  const { binId, path, query } = parseCaptureTarget(req.url ?? "/");
  const bin = binId ? await findBinCached(binId) : null;
  if (!bin) throw new AppError("bin_not_found", "No bin with that id.");
  const wait = await (await limiter()).take(bin.id);
  if (wait > 0) {
    throw new AppError(
      "rate_limited",
      `This bin takes at most ${config.RATE_LIMIT_PER_MIN} requests a minute; retry in ${wait} s.`,
      {},
      { "retry-after": String(wait) },
    );
  }
  if (Number(req.headers["content-length"] ?? 0) > config.MAX_BODY_BYTES) throw tooLarge();
  const read = await readBody(req, config.MAX_BODY_BYTES);
  if (!read.ok) throw tooLarge();
  const request = { method: req.method ?? "GET", path, query, headers: headerPairs(req.rawHeaders), body: read.body };
  // A pass-through bin answers with its target's answer (a forward arriving back is answered here,
  // or it would loop). Other bins do not even look for the mark: their hot path stays as it was.
  const passTo = forwardTarget(bin, "pass-through");
  const passing = passTo !== null && !wasForwarded(request);
  const answer = passing ? null : await decideAnswer(req, bin, request);
  const committed = metrics().commitSeconds.startTimer();
  const stored = await saveCapture({
    binId: bin.id,
    ...request,
    contentType: req.headers["content-type"] ?? null,
    remoteAddress: clientAddress(req.socket.remoteAddress, forwardedFor(request.headers), config.TRUST_PROXY),
    httpVersion: req.httpVersion,
    receivedAt,
    response: answer ? answerRecord(answer) : PASSING,
  });
  committed();
  if (passing) return passThrough(res, bin, passTo, stored);
  // Forwarding starts once the sender has its answer (at once for a rule that hangs or resets).
  await sendAnswer(req, res, answer!, stored);
  forwardCapture(bin, stored);
}

/** Every X-Forwarded-For line, in order (a proxy may add its own line rather than extend the first). */
function forwardedFor(headers: [string, string][]): string[] {
  return headers.filter(([name]) => name.toLowerCase() === "x-forwarded-for").map(([, value]) => value);
}
