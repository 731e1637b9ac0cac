import { keepAttempt, sendAttempt } from "./attempt.ts";
import { config } from "../runtime/config.ts";
import { ApiError } from "../http/errors.ts";
import { hasHeader } from "../wire/headers.ts";
import { replayRequest } from "./replay.ts";
import type { Forward } from "../schemas/bin.ts";
import { privateTargetsAllowed, resolveTarget } from "./ssrf.ts";
import { single } from "../runtime/services.ts";
import { setBinForward } from "../store/bins.ts";
import type { StoredCapture } from "../store/stored-capture.ts";
import { WorkQueue } from "./work-queue.ts";

/** Auto-forward: each new capture of a bin is replayed to the bin's forward URL, after the sender has its answer. */

const FORWARD_TIMEOUT_MS = 10_000;
const CONCURRENCY = 8;
// A bin whose target is slow gets this many captures in flight or waiting; later ones are recorded as skipped.
const MAX_PENDING_PER_BIN = 100;

// …and all bins together hold at most this many body bytes waiting, whatever the number of bins.
const MAX_PENDING_BYTES = 256 * 1024 * 1024;
/** Added to every forwarded request, so a forward that arrives at a Hookjar bin is not forwarded again. */
export const FORWARD_MARK = "X-Hookjar-Forwarded";

// The process's one forward queue, with the body bytes it holds (see runtime/services.ts).
const forwards = () => single("forwardQueue", () => ({ queue: new WorkQueue(CONCURRENCY, MAX_PENDING_PER_BIN), pendingBytes: 0 }));

type ForwardingBin = { id: string; forwardUrl: string | null; forwardEnabled: boolean };

/** Fire and forget: never throws, never delays the capture; failures end up as the capture's attempts. */
export function forwardCapture(bin: ForwardingBin, capture: StoredCapture): void {
  const base = bin.forwardEnabled ? bin.forwardUrl : null;
  if (!base) return;
  try {
    enqueue(bin.id, capture, base);
  } catch (error) {
    console.error(`could not forward capture ${capture.id}`, error);
  }
}

function enqueue(binId: string, capture: StoredCapture, base: string) {
  const replay = replayRequest(capture, base, { timeoutMs: FORWARD_TIMEOUT_MS, allowPrivate: privateTargetsAllowed(config) });
  const request = { ...replay, headers: [...replay.headers, [FORWARD_MARK, binId] as [string, string]] };
  const skip = (why: string) =>
    void keepAttempt({
      captureId: capture.id,
      kind: "forward",
      method: request.method,
      url: request.url,
      requestHeaders: request.headers,
      requestBody: new Uint8Array(),
      status: null,
      error: `Not forwarded: ${why}`,
      durationMs: 0,
    });
  // A forward that reaches a Hookjar bin (this one, or one forwarding back) would loop for ever.
  if (hasHeader(capture.headers, FORWARD_MARK)) return skip("it was itself forwarded by Hookjar, and forwarding it again could loop.");
  const state = forwards();
  if (state.pendingBytes + request.body.length > MAX_PENDING_BYTES) return skip("too many forwarded bodies are still waiting for their targets.");
  state.pendingBytes += request.body.length;
  const queued = state.queue.offer(binId, async () => {
    try {
      await sendAttempt(capture.id, "forward", request);
    } finally {
      state.pendingBytes -= request.body.length;
    }
  });
  if (queued) return;
  state.pendingBytes -= request.body.length;
  skip(`${MAX_PENDING_PER_BIN} earlier captures of this bin are still waiting for the forward target.`);
}

/** Saves a bin's forward setting, refusing a target the SSRF guard would refuse at forwarding time. */
export async function saveForward(binId: string, forward: Forward): Promise<void> {
  if (!privateTargetsAllowed(config)) {
    try {
      await resolveTarget(new URL(forward.url).hostname, false);
    } catch (error) {
      // A name that does not resolve today may tomorrow; each forward checks again anyway.
      if (!(error instanceof ApiError && error.code === "target_unreachable")) throw error;
    }
  }
  await setBinForward(binId, forward);
}
