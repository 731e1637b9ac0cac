import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "../http/errors.ts";
import { forwardCapture } from "../outbound/forward.ts";
import { config } from "../runtime/config.ts";
import { single } from "../runtime/services.ts";
import { findBinCached } from "../store/bins.ts";
import { saveCapture } from "../store/capture-writer.ts";
import { headerPairs } from "../wire/headers.ts";
import { allowCors, answerRecord, decideAnswer, sendAnswer, sendError } from "./answer.ts";
import { readBody } from "./body.ts";
import { RateLimiter } from "./rate-limit.ts";
import { parseCaptureTarget } from "./target.ts";

/**
 * The capture path, `ANY /b/{binId}[/…][?query]`, served from the raw Node request: look the bin
 * up, read the body, hand it to the writer (which announces it once committed), answer, forward.
 */

const limiter = () => single("rateLimiter", () => new RateLimiter(config.RATE_LIMIT_PER_MIN));

const tooLarge = () =>
  new ApiError(
    "payload_too_large",
    `The body is larger than this server accepts (${config.MAX_BODY_BYTES} bytes).`,
    { limit: config.MAX_BODY_BYTES },
    // Closing the connection stops a large sender instead of reading (and discarding) all of it.
    { connection: "close" },
  );

export async function handleCapture(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await capture(req, res);
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    req.resume();
    sendError(res, error);
  }
}

async function capture(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = new Date();
  const { binId, path, query } = parseCaptureTarget(req.url ?? "/");
  allowCors(req, res);
  const bin = binId ? await findBinCached(binId) : null;
  if (!bin) throw new ApiError("bin_not_found", "No bin with that id.");
  const wait = limiter().take(bin.id);
  if (wait > 0) {
    throw new ApiError(
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
  const answer = decideAnswer(req, bin, request);
  const stored = await saveCapture({
    binId: bin.id,
    ...request,
    contentType: req.headers["content-type"] ?? null,
    remoteAddress: req.socket.remoteAddress ?? null,
    httpVersion: req.httpVersion,
    receivedAt,
    response: answerRecord(answer),
  });
  // Forwarding starts once the sender has its answer (at once for a rule that hangs or resets).
  await sendAnswer(res, answer, stored);
  forwardCapture(bin, stored);
}
