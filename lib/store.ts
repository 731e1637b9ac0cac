import { hashToken } from "./access.ts";
import { config } from "./config.ts";
import { db, kind } from "./db.ts";
import { notFound } from "./errors.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { newBinId, newSortableId, newToken } from "./ids.ts";
import { headerCondition, insertCaptures, searchConditions } from "./dialect.ts";
import type { CreateBinInput, CustomResponse, Forward } from "./schemas/bin.ts";
import type { CapturePage, ListCapturesQuery } from "./schemas/capture.ts";
import type { HeaderPairs } from "./schemas/common.ts";
import { toCaptureView, toSummary } from "./views.ts";

/**
 * Persistence of bins, captures and attempts. Every other module goes through here. Functions
 * given a bin id trust the caller to have found the bin (route handlers do, through binRoute);
 * those that look a capture up tell a missing bin from a missing capture.
 */

export async function createBin(input: CreateBinInput) {
  const prisma = await db();
  const viewToken = input.private ? newToken() : null;
  const bin = await prisma.bin.create({
    data: { id: newBinId(), name: input.name || null, viewTokenHash: viewToken ? hashToken(viewToken) : null },
  });
  return { bin, viewToken };
}

export async function findBin(id: string) {
  const prisma = await db();
  return prisma.bin.findUnique({ where: { id } });
}

type BinRow = NonNullable<Awaited<ReturnType<typeof findBin>>>;
const BIN_CACHE_MS = 2000;
// The capture path looks its bin up on every request; a short-lived cache spares that query.
// It lives on globalThis so changes made through Next's route handlers (a separate module
// instance) invalidate the entries the capture path reads.
const shared = globalThis as typeof globalThis & { __hookjarBinCache?: Map<string, { bin: BinRow | null; at: number }> };
const binCache = (shared.__hookjarBinCache ??= new Map());

/** Like findBin, but may answer from a cache at most BIN_CACHE_MS old (other instances' changes). */
export async function findBinCached(id: string): Promise<BinRow | null> {
  const hit = binCache.get(id);
  if (hit && Date.now() - hit.at < BIN_CACHE_MS) return hit.bin;
  const bin = await findBin(id);
  if (binCache.size > 10_000) binCache.clear();
  binCache.set(id, { bin, at: Date.now() });
  return bin;
}

export async function getBin(id: string) {
  const bin = await findBin(id);
  if (!bin) throw notFound("bin");
  return bin;
}

export async function countCaptures(binId: string) {
  const prisma = await db();
  return prisma.capture.count({ where: { binId } });
}

export async function deleteBin(id: string) {
  const prisma = await db();
  const { count } = await prisma.bin.deleteMany({ where: { id } });
  binCache.delete(id);
  if (count === 0) throw notFound("bin");
}

export async function setBinResponse(id: string, response: CustomResponse | null) {
  await updateBin(id, { response: response ?? Prisma.DbNull });
}

export async function setBinForward(id: string, forward: Forward | null) {
  await updateBin(id, { forwardUrl: forward?.url ?? null, forwardEnabled: forward?.enabled ?? false });
}

async function updateBin(id: string, data: Prisma.BinUpdateManyMutationInput) {
  const prisma = await db();
  const { count } = await prisma.bin.updateMany({ where: { id }, data });
  binCache.delete(id);
  if (count === 0) throw notFound("bin");
}

const summarySelect = {
  id: true, binId: true, method: true, path: true, query: true, contentType: true,
  bodySize: true, remoteAddress: true, receivedAt: true,
} as const;

export async function listCaptures(binId: string, query: ListCapturesQuery): Promise<CapturePage> {
  const prisma = await db();
  const ids = await prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Capture" WHERE ${Prisma.join(
    captureFilters(binId, query),
    " AND ",
  )} ORDER BY "id" DESC LIMIT ${query.limit + 1}`;
  const page = ids.slice(0, query.limit).map((r) => r.id);
  const rows = await prisma.capture.findMany({ where: { id: { in: page } }, orderBy: { id: "desc" }, select: summarySelect });
  return { items: rows.map(toSummary), nextCursor: ids.length > query.limit ? page[page.length - 1] : null };
}

function captureFilters(binId: string, query: ListCapturesQuery): Prisma.Sql[] {
  const where = [Prisma.sql`"binId" = ${binId}`];
  if (query.cursor) where.push(Prisma.sql`"id" < ${query.cursor}`);
  if (query.method) where.push(Prisma.sql`"method" = ${query.method.toUpperCase()}`);
  if (query.q) where.push(searchConditions(kind, query.q));
  if (query.header) {
    const colon = query.header.indexOf(":");
    const name = (colon === -1 ? query.header : query.header.slice(0, colon)).trim();
    const value = colon === -1 ? "" : query.header.slice(colon + 1).trim();
    where.push(headerCondition(kind, name, value));
  }
  return where;
}

async function findCapture(binId: string, id: string) {
  const prisma = await db();
  const capture = await prisma.capture.findFirst({
    where: { id, binId },
    include: { attempts: { orderBy: { createdAt: "desc" } } },
  });
  if (!capture) {
    await getBin(binId);
    throw notFound("capture");
  }
  return capture;
}

/** The bin of the capture with this id, or 404: resend names captures by id alone. */
export async function captureBinId(id: string): Promise<string> {
  const prisma = await db();
  const found = await prisma.capture.findUnique({ where: { id }, select: { binId: true } });
  if (!found) throw notFound("capture");
  return found.binId;
}

export async function getCapture(binId: string, id: string) {
  return toCaptureView(await findCapture(binId, id));
}

/** Full captures of a bin, newest first, a page at a time so an export never holds a whole bin. */
export async function* capturePages(binId: string, ids?: string[], pageSize = 20) {
  const prisma = await db();
  let cursor: string | undefined;
  for (;;) {
    const rows = await prisma.capture.findMany({
      where: { binId, id: { in: ids, lt: cursor } },
      include: { attempts: { orderBy: { createdAt: "desc" } } },
      orderBy: { id: "desc" },
      take: pageSize,
    });
    if (rows.length === 0) return;
    yield rows.map(toCaptureView);
    cursor = rows[rows.length - 1].id;
  }
}

export async function getCaptureBody(binId: string, id: string) {
  const capture = await findCapture(binId, id);
  return { bytes: Buffer.from(capture.body), contentType: capture.contentType };
}

export async function deleteCapture(binId: string, id: string) {
  const prisma = await db();
  const { count } = await prisma.capture.deleteMany({ where: { id, binId } });
  if (count === 0) {
    await getBin(binId);
    throw notFound("capture");
  }
}

export async function clearCaptures(binId: string) {
  const prisma = await db();
  await prisma.capture.deleteMany({ where: { binId } });
}

export type NewCapture = {
  binId: string;
  method: string;
  path: string;
  query: string;
  headers: HeaderPairs;
  body: Uint8Array<ArrayBuffer>;
  contentType: string | null;
  remoteAddress: string | null;
  httpVersion: string;
  receivedAt: Date;
};

export type StoredCapture = NewCapture & { id: string; bodySize: number };

type Pending = { row: StoredCapture; resolve: () => void; reject: (e: unknown) => void };

const BATCH_ROWS = 500;
const BATCH_BYTES = 32 * 1024 * 1024;
const queue: Pending[] = [];
let flushing = false;

/**
 * Stores a capture durably. Concurrent captures are group-committed: one INSERT for all that
 * arrived while the previous batch was being written, so the ORM's per-call cost is shared.
 * Resolves only after the capture's batch has committed.
 */
export function saveCapture(capture: NewCapture): Promise<StoredCapture> {
  const row: StoredCapture = { ...capture, id: newSortableId(capture.receivedAt.getTime()), bodySize: capture.body.length };
  return new Promise((resolve, reject) => {
    queue.push({ row, resolve: () => resolve(row), reject });
    if (!flushing) {
      flushing = true;
      setImmediate(flush);
    }
  });
}

async function flush() {
  try {
    await drain();
  } catch (error) {
    for (const p of queue.splice(0)) p.reject(error);
  } finally {
    flushing = false;
  }
}

async function drain() {
  const prisma = await db();
  while (queue.length) {
    let bytes = 0;
    let n = 0;
    while (n < queue.length && n < BATCH_ROWS && (n === 0 || bytes + queue[n].row.bodySize <= BATCH_BYTES)) {
      bytes += queue[n].row.bodySize;
      n++;
    }
    const batch = queue.splice(0, n);
    try {
      await prisma.$executeRaw(insertCaptures(kind, batch.map((p) => p.row)));
      for (const p of batch) p.resolve();
    } catch {
      // One bad row (a bin deleted meanwhile) must not fail its neighbours: retry them one by one.
      for (const p of batch) {
        await prisma.capture.create({ data: p.row }).then(p.resolve, (e: unknown) => p.reject(binGone(e) ? notFound("bin") : e));
      }
    }
    await pruneBins(new Set(batch.map((p) => p.row.binId)));
  }
}

// A foreign-key failure here means the bin was deleted after the capture path looked it up.
const binGone = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2003";

type PruneListener = (binId: string, ids: string[]) => void;
const pruneListeners = new Set<PruneListener>();

/** Tells `listener` which captures the store dropped on its own to keep a bin under its cap. */
export function onPruned(listener: PruneListener): void {
  pruneListeners.add(listener);
}

/** Keeps each bin at MAX_CAPTURES_PER_BIN by dropping its oldest captures. */
async function pruneBins(binIds: Set<string>) {
  const prisma = await db();
  for (const binId of binIds) {
    const gone = await prisma.$queryRaw<{ id: string }[]>`DELETE FROM "Capture" WHERE "binId" = ${binId} AND "id" <= (
      SELECT "id" FROM "Capture" WHERE "binId" = ${binId} ORDER BY "id" DESC LIMIT 1 OFFSET ${config.MAX_CAPTURES_PER_BIN})
      RETURNING "id"`;
    if (gone.length) for (const listener of pruneListeners) listener(binId, gone.map((r) => r.id));
  }
}

/** Deletes captures received before `before`; returns how many went. */
export async function deleteCapturesBefore(before: Date): Promise<number> {
  const prisma = await db();
  const { count } = await prisma.capture.deleteMany({ where: { receivedAt: { lt: before } } });
  return count;
}

export type NewAttempt = {
  captureId: string;
  kind: "resend" | "forward";
  method: string;
  url: string;
  requestHeaders: HeaderPairs;
  requestBody: Uint8Array<ArrayBuffer>;
  status: number | null;
  error: string | null;
  durationMs: number;
};

/** Stores an attempt; answers it with the bin its capture belongs to. */
export async function recordAttempt(data: NewAttempt) {
  const prisma = await db();
  const { capture, ...attempt } = await prisma.attempt.create({
    data: { id: newSortableId(), ...data },
    include: { capture: { select: { binId: true } } },
  });
  return { attempt, binId: capture.binId };
}

