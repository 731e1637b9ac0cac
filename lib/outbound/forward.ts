import { attemptOf, keepAttempt } from "./attempt.ts";
import { config } from "../runtime/config.ts";
import { hasHeader } from "../wire/headers.ts";
import { replayRequest, type Replayable } from "./replay.ts";
import type { Forward } from "../schemas/bin.ts";
import { checkTarget, privateTargetsAllowed } from "./ssrf.ts";
import { setBinForward } from "../store/bins.ts";
import { advanceRetry, endRetry, releaseRetry, scheduleRetry } from "../store/forward-retries.ts";
import { forwardTries } from "../store/views.ts";
import type { StoredCapture } from "../store/stored-capture.ts";
import { WorkQueue } from "./work-queue.ts";
import { retryDelayMs, worthRetrying } from "./retry-policy.ts";
import { trySend, type OutboundRequest } from "./sender.ts";
import { log } from "../runtime/log.ts";
import { metrics } from "../runtime/metrics.ts";
import { TransientSet } from "../runtime/transient-set.ts";

/**
 * Auto-forward: each new capture of a bin is replayed to the bin's forward URL, after the sender has
 * its answer. A try that fails in a way the target may get over is scheduled again in the database
 * (lib/store/forward-retries.ts), whose due tries forward-schedule.ts brings back here.
 */

const CONCURRENCY = 8;
// A bin whose target is slow gets this many captures in flight or waiting; later ones are recorded as skipped.
const MAX_PENDING_PER_BIN = 100;

// …and all bins together hold at most this many body bytes waiting, whatever the number of bins.
const MAX_PENDING_BYTES = 256 * 1024 * 1024;
/** Added to every forwarded request, so a forward that arrives at a Hookjar bin is not forwarded again. */
export const FORWARD_MARK = "X-Hookjar-Forwarded";

// A forward try queued or on its way, until its attempt is recorded (see stopForwarding).
type Pending = { binId: string; captureId: string; request: OutboundRequest; tryNo: number; startedAt: number | null; settled: boolean };

// The process's one forward queue, with the body bytes it holds.
const state = {
  queue: new WorkQueue(CONCURRENCY, MAX_PENDING_PER_BIN),
  pendingBytes: 0,
  pending: new TransientSet<Pending>(),
  stopping: false,
};

export type ForwardingBin = { id: string; forwardUrl: string | null; forwardEnabled: boolean; forwardMode: string; forwardTimeoutMs: number };

/** Where and how a bin forwards its captures, when it does in this mode. */
export function forwardTarget(bin: ForwardingBin, mode: Forward["mode"]): string | null {
  return bin.forwardEnabled && bin.forwardMode === mode ? bin.forwardUrl : null;
}

/** A capture as a forward sends it: replayed under the bin's URL, with the mark that stops loops. */
export function forwardRequest(bin: ForwardingBin, base: string, capture: Replayable): OutboundRequest {
  const replay = replayRequest(capture, base, { timeoutMs: bin.forwardTimeoutMs, allowPrivate: privateTargetsAllowed(config) });
  return { ...replay, headers: [...replay.headers, [FORWARD_MARK, bin.id]] };
}

/** A capture that arrived as someone's forward: forwarding it again could loop for ever. */
export const wasForwarded = (capture: { headers: [string, string][] }) => hasHeader(capture.headers, FORWARD_MARK);

/** Fire and forget: never throws, never delays the capture; failures end up as the capture's attempts. */
export function forwardCapture(bin: ForwardingBin, capture: StoredCapture): void {
  const base = forwardTarget(bin, "async");
  if (!base) return;
  try {
    const request = forwardRequest(bin, base, capture);
    // A forward that reaches a Hookjar bin (this one, or one forwarding back) would loop for ever.
    if (wasForwarded(capture)) return void notSent(capture.id, request, 1, "Not forwarded: it was itself forwarded by Hookjar, and forwarding it again could loop.", "skipped");
    enqueue(bin.id, capture.id, request, 1);
  } catch (error) {
    log().error({ captureId: capture.id, error: (error as Error).message }, "could not forward capture");
  }
}

/** Keeps a forward that was not sent (or not answered) as an attempt that says why. */
function notSent(captureId: string, request: OutboundRequest, tryNo: number, why: string, outcome: "skipped" | "interrupted", durationMs = 0) {
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
    forwardTry: tryNo,
  });
}

/**
 * Queues try `tryNo` of a capture's forward. A first try that finds no room is recorded as skipped;
 * a retry is handed back to the schedule instead, to be taken again (here after a restart, or by
 * another instance), so a busy or stopping server never loses one.
 */
export function enqueue(binId: string, captureId: string, request: OutboundRequest, tryNo: number): void {
  const skip = (why: string) => {
    if (tryNo > 1) return void releaseRetry(captureId, tryNo).catch(() => {});
    void notSent(captureId, request, tryNo, `Not forwarded: ${why}`, "skipped");
  };
  if (state.stopping) return skip("the server is stopping.");
  if (state.pendingBytes + request.body.length > MAX_PENDING_BYTES) return skip("too many forwarded bodies are still waiting for their targets.");
  const entry: Pending = { binId, captureId, request, tryNo, startedAt: null, settled: false };
  state.pendingBytes += request.body.length;
  const leave = state.pending.add(entry);
  const queued = state.queue.offer(binId, async () => {
    try {
      if (!entry.settled) await send(entry);
    } finally {
      state.pendingBytes -= request.body.length;
      leave();
    }
  });
  if (queued) return;
  leave();
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
    log().warn({ captureId: entry.captureId, target: new URL(entry.request.url).origin, error: outcome.error.message, try: entry.tryNo }, "forward failed");
  }
  // The schedule first: whoever reads the capture on hearing of this attempt sees what comes next.
  await afterTry(entry, worthRetrying(outcome) ? retryDelayMs(entry.tryNo, outcome) : null);
  // Stamped with when it went out, so the times between tries are the waits between them.
  await keepAttempt({ ...attemptOf(entry.captureId, "forward", entry.request, outcome), forwardTry: entry.tryNo, createdAt: new Date(entry.startedAt) });
}

/** Schedules the next try `delayMs` from now, or (null) ends the capture's retries. Never throws. */
async function afterTry({ binId, captureId, tryNo }: Pending, delayMs: number | null): Promise<void> {
  try {
    if (delayMs === null || tryNo >= forwardTries()) {
      if (tryNo > 1) await endRetry(captureId, tryNo);
      return;
    }
    const dueAt = new Date(Date.now() + delayMs);
    // A retry given up meanwhile stays given up.
    if (tryNo === 1) await scheduleRetry(captureId, binId, tryNo + 1, dueAt);
    else if (!(await advanceRetry(captureId, tryNo, dueAt))) return;
    scheduled(dueAt);
  } catch (error) {
    log().error({ captureId, error: (error as Error).message }, "could not schedule the forward's next try");
  }
}

/**
 * For a graceful stop: no new forwards; those queued or on their way get `graceMs` to finish, and
 * whatever is left then is recorded as interrupted, so every capture's attempts say what happened.
 */
export async function stopForwarding(graceMs: number): Promise<void> {
  state.stopping = true;
  const deadline = Date.now() + graceMs;
  while (state.pending.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  const left = state.pending.values().filter((entry) => !entry.settled);
  for (const entry of left) entry.settled = true;
  await Promise.all(
    left.map(async (entry) => {
      // An interrupted try counts as failed: its next one is due at once, for whichever instance
      // (or this one, restarted) takes it.
      await afterTry(entry, 0);
      await notSent(
        entry.captureId,
        entry.request,
        entry.tryNo,
        entry.startedAt !== null ? "Interrupted: the server stopped before the target answered." : "Interrupted: the server stopped before this forward was sent.",
        "interrupted",
        entry.startedAt !== null ? Date.now() - entry.startedAt : 0,
      );
    }),
  );
}

export const forwardingStopped = () => state.stopping;

let scheduled: (dueAt: Date) => void = () => {};
/** Tells the schedule's runner (forward-schedule.ts) when a try this process scheduled falls due. */
export function onRetryScheduled(listener: (dueAt: Date) => void): void {
  scheduled = listener;
}

/** Saves a bin's forward setting, refusing a target the SSRF guard would refuse at forwarding time. */
export async function saveForward(binId: string, forward: Forward): Promise<void> {
  await checkTarget(forward.url, privateTargetsAllowed(config));
  await setBinForward(binId, forward);
}
