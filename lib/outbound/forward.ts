import { attemptOf, keepAttempt } from "./attempt.ts";
import { config } from "../runtime/config.ts";
import { hasHeader } from "../wire/headers.ts";
import { replayRequest } from "./replay.ts";
import type { Forward } from "../schemas/bin.ts";
import { checkTarget, privateTargetsAllowed } from "./ssrf.ts";
import { setBinForward } from "../store/bins.ts";
import type { StoredCapture } from "../store/stored-capture.ts";
import { WorkQueue } from "./work-queue.ts";
import { trySend, type OutboundRequest } from "./sender.ts";
import { log } from "../runtime/log.ts";
import { metrics } from "../runtime/metrics.ts";

/** Auto-forward: each new capture of a bin is replayed to the bin's forward URL, after the sender has its answer. */

const FORWARD_TIMEOUT_MS = 10_000;
const CONCURRENCY = 8;
// A bin whose target is slow gets this many captures in flight or waiting; later ones are recorded as skipped.
const MAX_PENDING_PER_BIN = 100;

// …and all bins together hold at most this many body bytes waiting, whatever the number of bins.
const MAX_PENDING_BYTES = 256 * 1024 * 1024;
/** Added to every forwarded request, so a forward that arrives at a Hookjar bin is not forwarded again. */
export const FORWARD_MARK = "X-Hookjar-Forwarded";

// A forward queued or on its way, until its attempt is recorded (see stopForwarding).
type Pending = { captureId: string; request: OutboundRequest; startedAt: number | null; settled: boolean };

// The process's one forward queue, with the body bytes it holds.
const state = {
  queue: new WorkQueue(CONCURRENCY, MAX_PENDING_PER_BIN),
  pendingBytes: 0,
  pending: new Set<Pending>(),
  stopping: false,
};

type ForwardingBin = { id: string; forwardUrl: string | null; forwardEnabled: boolean };

/** Fire and forget: never throws, never delays the capture; failures end up as the capture's attempts. */
export function forwardCapture(bin: ForwardingBin, capture: StoredCapture): void {
  const base = bin.forwardEnabled ? bin.forwardUrl : null;
  if (!base) return;
  try {
    enqueue(bin.id, capture, base);
  } catch (error) {
    log().error({ captureId: capture.id, error: (error as Error).message }, "could not forward capture");
  }
}

/** Keeps a forward that was not sent (or not answered) as an attempt that says why. */
function notSent(captureId: string, request: OutboundRequest, why: string, outcome: "skipped" | "interrupted", durationMs = 0) {
  metrics().forwards.inc({ outcome });
  return keepAttempt({
    captureId,
    kind: "forward",
    method: request.method,
    url: request.url,
    requestHeaders: request.headers,
    requestBody: outcome === "skipped" ? new Uint8Array() : Uint8Array.from(request.body),
    status: null,
    error: why,
    durationMs,
  });
}

function enqueue(binId: string, capture: StoredCapture, base: string) {
  const replay = replayRequest(capture, base, { timeoutMs: FORWARD_TIMEOUT_MS, allowPrivate: privateTargetsAllowed(config) });
  const request = { ...replay, headers: [...replay.headers, [FORWARD_MARK, binId] as [string, string]] };
  const skip = (why: string) => void notSent(capture.id, request, `Not forwarded: ${why}`, "skipped");
  // A forward that reaches a Hookjar bin (this one, or one forwarding back) would loop for ever.
  if (hasHeader(capture.headers, FORWARD_MARK)) return skip("it was itself forwarded by Hookjar, and forwarding it again could loop.");
  if (state.stopping) return skip("the server is stopping.");
  if (state.pendingBytes + request.body.length > MAX_PENDING_BYTES) return skip("too many forwarded bodies are still waiting for their targets.");
  const entry: Pending = { captureId: capture.id, request, startedAt: null, settled: false };
  state.pendingBytes += request.body.length;
  const queued = state.queue.offer(binId, async () => {
    try {
      if (!entry.settled) await send(entry);
    } finally {
      state.pendingBytes -= request.body.length;
      state.pending.delete(entry);
    }
  });
  if (queued) return void state.pending.add(entry);
  state.pendingBytes -= request.body.length;
  skip(`${MAX_PENDING_PER_BIN} earlier captures of this bin are still waiting for the forward target.`);
}

async function send(entry: Pending) {
  entry.startedAt = Date.now();
  const outcome = await trySend(entry.request);
  // Recorded as interrupted meanwhile (the server is stopping): that record stands.
  if (entry.settled) return;
  entry.settled = true;
  metrics().forwards.inc({ outcome: outcome.ok ? "ok" : "failed" });
  if (!outcome.ok) {
    // The origin only: a target's path or query may carry a secret.
    log().warn({ captureId: entry.captureId, target: new URL(entry.request.url).origin, error: outcome.error.message }, "forward failed");
  }
  await keepAttempt(attemptOf(entry.captureId, "forward", entry.request, outcome));
}

/**
 * For a graceful stop: no new forwards; those queued or on their way get `graceMs` to finish, and
 * whatever is left then is recorded as interrupted, so every capture's attempts say what happened.
 */
export async function stopForwarding(graceMs: number): Promise<void> {
  state.stopping = true;
  const deadline = Date.now() + graceMs;
  while (state.pending.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  const left = [...state.pending].filter((entry) => !entry.settled);
  for (const entry of left) entry.settled = true;
  await Promise.all(
    left.map((entry) =>
      notSent(
        entry.captureId,
        entry.request,
        entry.startedAt !== null ? "Interrupted: the server stopped before the target answered." : "Interrupted: the server stopped before this forward was sent.",
        "interrupted",
        entry.startedAt !== null ? Date.now() - entry.startedAt : 0,
      ),
    ),
  );
}

/** Saves a bin's forward setting, refusing a target the SSRF guard would refuse at forwarding time. */
export async function saveForward(binId: string, forward: Forward): Promise<void> {
  await checkTarget(forward.url, privateTargetsAllowed(config));
  await setBinForward(binId, forward);
}
