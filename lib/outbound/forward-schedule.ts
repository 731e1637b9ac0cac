import { AppError } from "../runtime/errors.ts";
import { log } from "../runtime/log.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import { findCapture } from "../store/captures.ts";
import { dueRetries, endRetry, giveUpRetry, retryNow, retrySubject, takeRetry, type DueRetry } from "../store/forward-retries.ts";
import { enqueue, forwardRequest, forwardTarget, forwardingStopped, onRetryScheduled } from "./forward.ts";

/**
 * Runs the forward retries that fall due, from the schedule in the database: every instance looks
 * once a second (tries another instance scheduled, or one that stopped), and when a try it scheduled
 * itself falls due; each due try is sent by the one instance that takes it.
 */

const POLL_MS = 1000;
const BATCH = 50;
// Longer than any try can take (its timeout is at most 30 s): a lease that runs out means the taker died.
const LEASE_MS = 60_000;

let timer: NodeJS.Timeout | undefined;
let running = false;
let again = false;
const alarms = new Set<NodeJS.Timeout>();

/** Starts looking for due tries; answers a function that stops it. */
export function startForwardRetries(): () => void {
  onRetryScheduled((dueAt) => {
    const alarm = setTimeout(() => {
      alarms.delete(alarm);
      wake();
    }, Math.max(dueAt.getTime() - Date.now(), 0) + 5);
    alarms.add(alarm);
  });
  wake();
  return () => {
    clearTimeout(timer);
    for (const alarm of alarms) clearTimeout(alarm);
    alarms.clear();
  };
}

/** Looks for due tries now ("Retry now" needs no wait for the next look). */
export function wake(): void {
  clearTimeout(timer);
  void look();
}

async function look(): Promise<void> {
  if (running) return void (again = true);
  running = true;
  try {
    if (forwardingStopped()) return;
    for (const retry of await dueRetries(new Date(), BATCH)) await take(retry);
  } catch (error) {
    log().error({ error: (error as Error).message }, "could not read the forward retry schedule");
  } finally {
    running = false;
    if (!forwardingStopped()) {
      clearTimeout(timer);
      timer = setTimeout(() => void look(), again ? 0 : POLL_MS);
      again = false;
    }
  }
}

async function take(retry: DueRetry): Promise<void> {
  const now = new Date();
  if (!(await takeRetry(retry, now, new Date(now.getTime() + LEASE_MS)))) return;
  const capture = await retrySubject(retry.captureId);
  const base = capture && forwardTarget(capture.bin, "async");
  // The bin stopped forwarding (or forwards another way) since: the retry ends quietly.
  if (!capture || !base) return endRetry(retry.captureId, retry.nextTry);
  const request = forwardRequest(capture.bin, base, { ...capture, headers: capture.headers as HeaderPairs });
  enqueue(retry.binId, retry.captureId, request, retry.nextTry);
}

const noRetry = () => new AppError("not_found", "No forward retry is waiting for this capture: it was delivered, given up, or never failed.");

/** "Retry now" on a capture of this bin. */
export async function retryForwardNow(binId: string, captureId: string): Promise<void> {
  await findCapture(binId, captureId);
  if (!(await retryNow(captureId, new Date()))) throw noRetry();
  wake();
}

/** "Give up" on a capture of this bin. */
export async function giveUpForward(binId: string, captureId: string): Promise<void> {
  await findCapture(binId, captureId);
  if (!(await giveUpRetry(captureId))) throw noRetry();
}
