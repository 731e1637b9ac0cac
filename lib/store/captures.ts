import { notFound } from "../runtime/errors.ts";
import { Prisma, type Attempt, type Capture, type ForwardRetry } from "../generated/prisma/client.ts";
import { CaptureFilterSchema, type CaptureFilter, type CapturePage, type ListCapturesQuery } from "../schemas/capture.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import type { CaptureResponse } from "../schemas/rules.ts";
import { getBin } from "./bins.ts";
import { reportChange } from "./changes.ts";
import { database, db } from "./db.ts";
import { clearRefusals } from "./refusals.ts";
import { forwardOutcome, toCaptureView, toSummary } from "./views.ts";

/**
 * Reading and deleting captures (the capture writer stores them). Lists run newest first in
 * commit order (`seq`), so a client that remembers the highest `seq` it saw can page down to it
 * and miss nothing, whichever instance committed what.
 */

const summarySelect = {
  id: true, seq: true, binId: true, method: true, path: true, query: true, contentType: true,
  bodySize: true, remoteAddress: true, receivedAt: true, response: true, deliveryId: true, duplicateOf: true, bodySha256: true,
  // For the summary's `scheme`.
  headers: true,
  // The latest forward, for the summary's `forward`.
  attempts: { where: { kind: "forward" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { status: true, error: true, url: true, createdAt: true } },
} satisfies Prisma.CaptureSelect;

export async function listCaptures(binId: string, query: ListCapturesQuery): Promise<CapturePage> {
  const prisma = await db();
  const found = await prisma.$queryRaw<{ id: string; seq: bigint | number }[]>`SELECT "id", "seq" FROM "Capture" WHERE ${Prisma.join(
    await captureFilters(binId, query),
    " AND ",
  )} ORDER BY "seq" DESC LIMIT ${query.limit + 1}`;
  const page = found.slice(0, query.limit);
  const rows = await prisma.capture.findMany({ where: { id: { in: page.map((r) => r.id) } }, orderBy: { seq: "desc" }, select: summarySelect });
  const items = rows.map((row) => toSummary(row, forwardOutcome(row.attempts)));
  const nextCursor = found.length > query.limit ? String(page[page.length - 1].seq) : null;
  // Every filter the list takes, so a new one cannot be left without its count.
  const filtered = Object.keys(CaptureFilterSchema.shape).some((key) => query[key as keyof CaptureFilter] !== undefined);
  if (!filtered || query.cursor !== undefined) return { items, nextCursor };
  // A filtered list says how many match in all, so the inspector can show "N of M".
  const matching = nextCursor === null ? page.length : await countMatching(binId, query);
  return { items, nextCursor, matching };
}

async function countMatching(binId: string, query: ListCapturesQuery): Promise<number> {
  const prisma = await db();
  const [row] = await prisma.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "Capture" WHERE ${Prisma.join(await captureFilters(binId, query), " AND ")}`;
  return Number(row.n);
}

export async function captureFilters(binId: string, query: CaptureFilter & { cursor?: bigint }): Promise<Prisma.Sql[]> {
  const store = await database();
  const where = [Prisma.sql`"binId" = ${binId}`];
  if (query.cursor !== undefined) where.push(Prisma.sql`"seq" < ${query.cursor}`);
  if (query.method) where.push(Prisma.sql`"method" = ${query.method.toUpperCase()}`);
  if (query.q) where.push(store.searchCondition(query.q));
  if (query.header) {
    const colon = query.header.indexOf(":");
    const name = (colon === -1 ? query.header : query.header.slice(0, colon)).trim();
    const value = colon === -1 ? "" : query.header.slice(colon + 1).trim();
    where.push(store.headerCondition(name, value));
  }
  if (query.duplicates === "only") where.push(Prisma.sql`"duplicateOf" IS NOT NULL`);
  return where;
}

/** A capture as stored (raw body, headers, attempts), or 404. */
export async function findCapture(binId: string, id: string) {
  const prisma = await db();
  const capture = await prisma.capture.findFirst({
    where: { id, binId },
    include: { attempts: { orderBy: { createdAt: "desc" } }, forwardRetry: true },
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

export async function getCaptureBody(binId: string, id: string) {
  const capture = await findCapture(binId, id);
  return { bytes: Buffer.from(capture.body), contentType: capture.contentType, headers: capture.headers as HeaderPairs };
}

// An export page holds up to PAGE_ROWS captures and, past its first, PAGE_BYTES of bodies: few
// round trips for small captures, bounded memory for large ones.
const PAGE_ROWS = 500;
const PAGE_BYTES = 8 * 1024 * 1024;

type PageEntry = { id: string; seq: bigint | number; bodySize: number };

/**
 * Full captures of a bin, newest first, a page at a time so an export never holds a whole bin;
 * `ids` and the list's `filter` narrow them (the filter through the list's own SQL conditions).
 */
export async function* capturePages(binId: string, ids?: string[], filter: CaptureFilter = {}) {
  const prisma = await db();
  if (ids?.length === 0) return;
  const only = ids ? Prisma.sql` AND "id" IN (${Prisma.join(ids)})` : Prisma.empty;
  let cursor: bigint | undefined;
  for (;;) {
    const next = await prisma.$queryRaw<PageEntry[]>`SELECT "id", "seq", "bodySize" FROM "Capture"
      WHERE ${Prisma.join(await captureFilters(binId, { ...filter, cursor }), " AND ")}${only} ORDER BY "seq" DESC LIMIT ${PAGE_ROWS}`;
    if (next.length === 0) return;
    let n = 1;
    for (let bytes = next[0].bodySize; n < next.length && bytes + next[n].bodySize <= PAGE_BYTES; n++) bytes += next[n].bodySize;
    const [lo, hi] = [next[n - 1].seq, next[0].seq];
    // Raw SQL reads the same typed row at a third of findMany's cost on large pages.
    const rows = await prisma.$queryRaw<Capture[]>`SELECT * FROM "Capture" WHERE "binId" = ${binId}
      AND "seq" BETWEEN ${lo} AND ${hi} ORDER BY "seq" DESC`;
    // The range also holds captures that `ids` or the filter leave out.
    const wanted = new Set(next.slice(0, n).map((r) => r.id));
    const picked = rows.filter((r) => wanted.has(r.id));
    // Attempts and retries by the same seq range: a statement of one shape whatever the page, where
    // an `IN` list of up to 500 ids cost more in the ORM than reading the captures themselves.
    const attempts = new Map<string, Attempt[]>(picked.map((c) => [c.id, []]));
    for (const a of await prisma.$queryRaw<Attempt[]>`SELECT "a".* FROM "Attempt" AS "a" JOIN "Capture" AS "c" ON "c"."id" = "a"."captureId"
      WHERE "c"."binId" = ${binId} AND "c"."seq" BETWEEN ${lo} AND ${hi} ORDER BY "a"."createdAt" DESC`) {
      attempts.get(a.captureId)?.push(a);
    }
    const retries = new Map(
      (
        await prisma.$queryRaw<ForwardRetry[]>`SELECT "r".* FROM "ForwardRetry" AS "r" JOIN "Capture" AS "c" ON "c"."id" = "r"."captureId"
          WHERE "c"."binId" = ${binId} AND "c"."seq" BETWEEN ${lo} AND ${hi}`
      ).map((r) => [r.captureId, r]),
    );
    if (picked.length > 0) yield picked.map((c) => toCaptureView({ ...c, attempts: attempts.get(c.id) ?? [], forwardRetry: retries.get(c.id) ?? null }));
    cursor = BigInt(next[n - 1].seq);
  }
}

export async function deleteCapture(binId: string, id: string): Promise<void> {
  const prisma = await db();
  const { count } = await prisma.capture.deleteMany({ where: { id, binId } });
  if (count === 0) {
    await getBin(binId);
    throw notFound("capture");
  }
  reportChange({ type: "captures:deleted", binId, ids: [id], reason: "user" });
}

export async function clearCaptures(binId: string): Promise<void> {
  const prisma = await db();
  await Promise.all([prisma.capture.deleteMany({ where: { binId } }), clearRefusals(binId)]);
  reportChange({ type: "bin:cleared", binId });
}

const SWEEP_CHUNK = 1000;

/** Deletes captures received before `before`, a chunk at a time, reporting each chunk; returns how many went. */
export async function deleteCapturesBefore(before: Date): Promise<number> {
  const prisma = await db();
  let total = 0;
  for (;;) {
    const old = await prisma.capture.findMany({ where: { receivedAt: { lt: before } }, select: { id: true, binId: true }, take: SWEEP_CHUNK });
    if (old.length === 0) return total;
    await prisma.capture.deleteMany({ where: { id: { in: old.map((c) => c.id) } } });
    total += old.length;
    const byBin = new Map<string, string[]>();
    for (const c of old) byBin.set(c.binId, [...(byBin.get(c.binId) ?? []), c.id]);
    for (const [binId, ids] of byBin) reportChange({ type: "captures:deleted", binId, ids, reason: "retention" });
  }
}

/** Records what a stored capture's sender was answered, once known (pass-through learns it from the target). */
export async function setCaptureResponse(id: string, response: CaptureResponse): Promise<void> {
  const prisma = await db();
  await prisma.capture.updateMany({ where: { id }, data: { response, responseStatus: response.status } });
}
