import { AppError, notFound } from "../runtime/errors.ts";
import { newSortableId } from "../runtime/ids.ts";
import { Prisma, type Replay, type ReplayResult as ResultRow } from "../generated/prisma/client.ts";
import type { CaptureFilter } from "../schemas/capture.ts";
import { MAX_REPLAY_CAPTURES, type ReplayProgressEvent, type ReplayState, type ReplayView } from "../schemas/replay.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import { captureFilters } from "./captures.ts";
import { STALE_AFTER_MS } from "./replay-recovery.ts";
import { reportChange } from "./changes.ts";
import { db } from "./db.ts";

/** Replays as stored: the plan (one result row per capture, in sending order) and how each send went. */

/** What a replay needs of a capture before it starts: the bodies are read one send at a time. */
export type Planned = { id: string; receivedAt: Date };

/**
 * The captures a replay sends, oldest first: the given ids (each must be the bin's), or all the
 * list's filters match — at most MAX_REPLAY_CAPTURES, else nothing starts.
 */
export async function replaySelection(binId: string, selection: { captureIds?: string[]; filter?: CaptureFilter }): Promise<Planned[]> {
  const prisma = await db();
  let rows: Planned[];
  if (selection.captureIds) {
    const ids = [...new Set(selection.captureIds)];
    rows = await prisma.capture.findMany({ where: { binId, id: { in: ids } }, select: { id: true, receivedAt: true, seq: true }, orderBy: { seq: "asc" } });
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((r) => r.id));
      throw new AppError("capture_not_found", `This bin has no capture ${ids.find((id) => !found.has(id))}.`);
    }
  } else {
    rows = await prisma.$queryRaw<Planned[]>`SELECT "id", "receivedAt" FROM "Capture"
      WHERE ${Prisma.join(await captureFilters(binId, selection.filter ?? {}), " AND ")} ORDER BY "seq" ASC LIMIT ${MAX_REPLAY_CAPTURES + 1}`;
    if (rows.length > MAX_REPLAY_CAPTURES) {
      throw new AppError("invalid_request", `The filter matches more than ${MAX_REPLAY_CAPTURES} captures: narrow it, or pick captures by id.`);
    }
    if (rows.length === 0) throw new AppError("invalid_request", "The filter matches no capture: there is nothing to replay.");
  }
  // Raw SQL hands SQLite's dates back as numbers or strings.
  const planned = rows.map((r) => ({ id: r.id, receivedAt: asDate(r.receivedAt) }));
  // Oldest first by arrival; commit order breaks ties (and orders instances whose clocks disagree).
  return planned.map((p, i) => ({ ...p, i })).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.i - b.i);
}

const asDate = (value: Date | string | number | bigint) => (value instanceof Date ? value : new Date(typeof value === "bigint" ? Number(value) : value));

export type NewReplay = {
  binId: string;
  url: string;
  timing: "original" | "none";
  speed: number;
  plan: { captureId: string; scheduledMs: number }[];
};

export async function createReplay(data: NewReplay): Promise<Replay> {
  const prisma = await db();
  const id = newSortableId();
  const { plan, ...fields } = data;
  const [replay] = await prisma.$transaction([
    prisma.replay.create({ data: { id, ...fields, state: "running", total: plan.length, startedAt: new Date() } }),
    prisma.replayResult.createMany({ data: plan.map((p, position) => ({ replayId: id, position, ...p })) }),
  ]);
  return replay;
}

export type SendResult = { startedMs: number; status: number | null; error: string | null; durationMs: number; sentSha256: string | null };

/** Keeps one send's outcome and announces the replay's progress (counted by its runner). */
export async function recordReplayResult(replayId: string, position: number, result: SendResult, progress: ReplayProgressEvent): Promise<void> {
  const prisma = await db();
  await prisma.replayResult.update({ where: { replayId_position: { replayId, position } }, data: result });
  reportChange({ type: "replay:progress", progress });
}

/** Its runner says it is still at work (see replay-recovery.ts). */
export async function touchReplay(id: string): Promise<void> {
  const prisma = await db();
  await prisma.replay.updateMany({ where: { id, state: "running" }, data: { heartbeatAt: new Date() } });
}

/** The replay's state now: its runner asks before each send, so a cancel made on any instance stops it. */
export async function replayState(id: string): Promise<ReplayState | null> {
  const prisma = await db();
  const found = await prisma.replay.findUnique({ where: { id }, select: { state: true } });
  return (found?.state as ReplayState | undefined) ?? null;
}

/** Ends a running replay in `state`; one already ended (cancelled meanwhile) keeps its state. Announces the end. */
export async function finishReplay(id: string, state: ReplayState, progress: ReplayProgressEvent): Promise<ReplayState> {
  const prisma = await db();
  await prisma.replay.updateMany({ where: { id, state: "running" }, data: { state, finishedAt: new Date() } });
  const final = (await replayState(id)) ?? state;
  reportChange({ type: "replay:done", done: { ...progress, state: final } });
  return final;
}

/** Cancels a running replay (an ended one is left as it is); answers its bin. */
export async function cancelReplay(id: string): Promise<void> {
  const prisma = await db();
  await prisma.replay.updateMany({ where: { id, state: "running" }, data: { state: "cancelled", finishedAt: new Date() } });
}

/** The bin a replay belongs to, or 404. */
export async function replayBinId(id: string): Promise<string> {
  const prisma = await db();
  const found = await prisma.replay.findUnique({ where: { id }, select: { binId: true } });
  if (!found) throw notFound("replay");
  return found.binId;
}

export async function getReplay(id: string): Promise<ReplayView> {
  const prisma = await db();
  const read = () => prisma.replay.findUnique({ where: { id }, include: { results: { orderBy: { position: "asc" } } } });
  let replay = await read();
  if (!replay) throw notFound("replay");
  // Its runner went quiet and no server has started since to say so: it is not running any more.
  if (replay.state === "running" && replay.heartbeatAt.getTime() < Date.now() - STALE_AFTER_MS) {
    await prisma.replay.updateMany({ where: { id, state: "running", heartbeatAt: replay.heartbeatAt }, data: { state: "interrupted", finishedAt: new Date() } });
    replay = (await read())!;
  }
  return toReplayView(replay);
}

function toReplayView(replay: Replay & { results: ResultRow[] }): ReplayView {
  const ended = replay.results.filter((r) => r.status !== null || r.error !== null);
  const ok = ended.filter((r) => r.status !== null && r.status >= 200 && r.status < 300).length;
  return {
    id: replay.id,
    binId: replay.binId,
    url: replay.url,
    timing: replay.timing as ReplayView["timing"],
    speed: replay.speed,
    state: replay.state as ReplayState,
    total: replay.total,
    sent: ended.length,
    ok,
    failed: ended.length - ok,
    startedAt: replay.startedAt.toISOString(),
    finishedAt: replay.finishedAt?.toISOString() ?? null,
    results: replay.results.map(({ captureId, scheduledMs, startedMs, status, error, durationMs, sentSha256 }) => ({
      captureId, scheduledMs, startedMs, status, error, durationMs, sentSha256,
    })),
  };
}

/** What a send needs of a capture, read just before it goes; null when the capture was deleted meanwhile. */
export async function replayableCapture(id: string) {
  const prisma = await db();
  const found = await prisma.capture.findUnique({ where: { id }, select: { method: true, path: true, query: true, headers: true, body: true } });
  return found && { ...found, headers: found.headers as HeaderPairs };
}
