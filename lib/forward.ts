import { keepAttempt, sendAttempt } from "./attempt.ts";
import { config } from "./config.ts";
import { ApiError } from "./errors.ts";
import { replayRequest } from "./replay.ts";
import type { Forward } from "./schemas/bin.ts";
import { privateTargetsAllowed, resolveTarget } from "./ssrf.ts";
import { setBinForward, type StoredCapture } from "./store.ts";
import { WorkQueue } from "./work-queue.ts";

/** Auto-forward: each new capture of a bin is replayed to the bin's forward URL, after the sender has its answer. */

const FORWARD_TIMEOUT_MS = 10_000;
const CONCURRENCY = 8;
// A bin whose target is slow gets this many captures in flight or waiting; later ones are recorded as skipped.
const MAX_PENDING_PER_BIN = 100;

const queue = new WorkQueue(CONCURRENCY, MAX_PENDING_PER_BIN);

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
  const request = replayRequest(capture, base, { timeoutMs: FORWARD_TIMEOUT_MS, allowPrivate: privateTargetsAllowed(config) });
  const queued = queue.offer(binId, async () => {
    await sendAttempt(capture.id, "forward", request);
  });
  if (queued) return;
  void keepAttempt({
    captureId: capture.id,
    kind: "forward",
    method: request.method,
    url: request.url,
    requestHeaders: request.headers,
    requestBody: new Uint8Array(),
    status: null,
    error: `Not forwarded: ${MAX_PENDING_PER_BIN} earlier captures of this bin are still waiting for the forward target.`,
    durationMs: 0,
  });
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
