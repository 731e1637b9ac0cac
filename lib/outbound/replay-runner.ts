import { attemptOf, keepAttempt } from "./attempt.ts";
import { FORWARD_MARK } from "./forward.ts";
import { replayRequest } from "./replay.ts";
import { replaySchedule } from "./replay-schedule.ts";
import { trySend, type OutboundRequest } from "./sender.ts";
import { checkTarget, privateTargetsAllowed } from "./ssrf.ts";
import { config } from "../runtime/config.ts";
import { log } from "../runtime/log.ts";
import type { ReplayProgressEvent, ReplayRequest } from "../schemas/replay.ts";
import { signRequest } from "../signatures/sign.ts";
import { sha256Hex } from "../store/delivery.ts";
import {
  cancelReplay as markCancelled,
  createReplay,
  finishReplay,
  recordReplayResult,
  replayableCapture,
  replaySelection,
  replayState,
  touchReplay,
  type SendResult,
} from "../store/replays.ts";
import { HEARTBEAT_MS } from "../store/replay-recovery.ts";

/**
 * Runs replays: a selection of a bin's captures sent again, oldest first, each the way auto-forward
 * sends it (optionally re-signed), on the captures' own schedule or one after another.
 */

const SEND_TIMEOUT_MS = 10_000;
/** With original timing, sends start on schedule whether or not earlier ones have answered, up to this many at once. */
export const MAX_IN_FLIGHT = 50;

type Run = { cancelled: boolean; wake: () => void };

// This process's running replays, so a cancel stops a pending wait at once.
const running = new Map<string, Run>();

export async function startReplay(binId: string, input: ReplayRequest): Promise<{ id: string; total: number }> {
  await checkTarget(input.url, privateTargetsAllowed(config));
  const selected = await replaySelection(binId, input);
  const schedule = replaySchedule(selected.map((c) => c.receivedAt), input.timing, input.speed);
  const replay = await createReplay({
    binId,
    url: input.url,
    timing: input.timing,
    speed: input.speed,
    plan: selected.map((c, i) => ({ captureId: c.id, scheduledMs: schedule[i] })),
  });
  const run: Run = { cancelled: false, wake: () => {} };
  running.set(replay.id, run);
  const plan = selected.map((c, i) => ({ position: i, captureId: c.id, scheduledMs: schedule[i] }));
  void execute(replay.id, binId, replay.startedAt.getTime(), plan, input, run)
    .catch((error) => log().error({ replayId: replay.id, error: (error as Error).message }, "replay failed"))
    .finally(() => running.delete(replay.id));
  return { id: replay.id, total: plan.length };
}

/** Nothing more is sent once this returns: a send already on its way still ends and is kept. */
export async function cancelReplay(id: string): Promise<void> {
  await markCancelled(id);
  const run = running.get(id);
  if (run) {
    run.cancelled = true;
    run.wake();
  }
}

type Step = { position: number; captureId: string; scheduledMs: number };

async function execute(replayId: string, binId: string, t0: number, plan: Step[], input: ReplayRequest, run: Run) {
  const progress: ReplayProgressEvent = { binId, replayId, total: plan.length, sent: 0, ok: 0, failed: 0 };
  // A cancel made here, or on another instance sharing the database.
  const stopped = async () => run.cancelled || (await replayState(replayId)) !== "running";
  const inFlight = new Set<Promise<void>>();
  // However long the gaps between sends: other instances must see that this runner is alive.
  const heartbeat = setInterval(() => void touchReplay(replayId).catch(() => {}), HEARTBEAT_MS);
  try {
    for (const step of plan) {
      if (input.timing === "original") {
        await waitUntil(t0 + step.scheduledMs, run);
        while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      }
      if (await stopped()) break;
      const sending = sendOne(replayId, t0, step, input, progress).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
      if (input.timing === "none") await sending;
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(heartbeat);
  }
  await finishReplay(replayId, "done", { ...progress });
}

/** Resolves at `at` (epoch ms), or at once when the run is cancelled. */
function waitUntil(at: number, run: Run): Promise<void> {
  const ms = at - Date.now();
  if (ms <= 0 || run.cancelled) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    run.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

async function sendOne(replayId: string, t0: number, step: Step, input: ReplayRequest, progress: ReplayProgressEvent): Promise<void> {
  const capture = await replayableCapture(step.captureId);
  let result: SendResult;
  if (!capture) {
    result = { startedMs: Date.now() - t0, status: null, error: "Not sent: the capture was deleted before its turn.", durationMs: 0, sentSha256: null };
  } else {
    const request = replayOf(progress.binId, capture, input);
    const startedMs = Date.now() - t0;
    const outcome = await trySend(request);
    await keepAttempt(attemptOf(step.captureId, "replay", request, outcome, replayId));
    result = {
      startedMs,
      status: outcome.ok ? outcome.response.status : null,
      error: outcome.ok ? null : outcome.error.message,
      durationMs: Math.round(outcome.durationMs),
      sentSha256: sha256Hex(request.body),
    };
  }
  progress.sent++;
  if (result.status !== null && result.status >= 200 && result.status < 300) progress.ok++;
  else progress.failed++;
  await recordReplayResult(replayId, step.position, result, { ...progress });
}

/** As auto-forward sends a capture (X-Hookjar-Forwarded included), re-signed over the same bytes when asked. */
function replayOf(binId: string, capture: Parameters<typeof replayRequest>[0], input: ReplayRequest): OutboundRequest {
  const base = replayRequest(capture, input.url, { timeoutMs: SEND_TIMEOUT_MS, allowPrivate: privateTargetsAllowed(config) });
  const request = { ...base, headers: [...base.headers, [FORWARD_MARK, binId] as [string, string]] };
  if (!input.sign) return request;
  const { url, headers } = signRequest(request.url, request.headers, Buffer.from(request.body), input.sign);
  return { ...request, url, headers };
}
