import { notFound } from "../http/errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { CaptureFilter, CapturePage, ListCapturesQuery } from "../schemas/capture.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import { getBin } from "./bins.ts";
import { reportChange } from "./changes.ts";
import { db, kind } from "./db.ts";
import { headerCondition, searchConditions } from "./dialect.ts";
import { toCaptureView, toSummary } from "./views.ts";

/**
 * Reading and deleting captures (the capture writer stores them). Lists run newest first in
 * commit order (`seq`), so a client that remembers the highest `seq` it saw can page down to it
 * and miss nothing, whichever instance committed what.
 */

const summarySelect = {
  id: true, seq: true, binId: true, method: true, path: true, query: true, contentType: true,
  bodySize: true, remoteAddress: true, receivedAt: true, response: true, deliveryId: true, duplicateOf: true, bodySha256: true,
} as const;

export async function listCaptures(binId: string, query: ListCapturesQuery): Promise<CapturePage> {
  const prisma = await db();
  const found = await prisma.$queryRaw<{ id: string; seq: bigint | number }[]>`SELECT "id", "seq" FROM "Capture" WHERE ${Prisma.join(
    captureFilters(binId, query),
    " AND ",
  )} ORDER BY "seq" DESC LIMIT ${query.limit + 1}`;
  const page = found.slice(0, query.limit);
  const rows = await prisma.capture.findMany({ where: { id: { in: page.map((r) => r.id) } }, orderBy: { seq: "desc" }, select: summarySelect });
  const nextCursor = found.length > query.limit ? String(page[page.length - 1].seq) : null;
  const filtered = query.method !== undefined || query.q !== undefined || query.header !== undefined;
  if (!filtered || query.cursor !== undefined) return { items: rows.map(toSummary), nextCursor };
  // A filtered list says how many match in all, so the inspector can show "N of M".
  const matching = nextCursor === null ? page.length : await countMatching(binId, query);
  return { items: rows.map(toSummary), nextCursor, matching };
}

async function countMatching(binId: string, query: ListCapturesQuery): Promise<number> {
  const prisma = await db();
  const [row] = await prisma.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "Capture" WHERE ${Prisma.join(captureFilters(binId, query), " AND ")}`;
  return Number(row.n);
}

function captureFilters(binId: string, query: ListCapturesQuery): Prisma.Sql[] {
  const where = [Prisma.sql`"binId" = ${binId}`];
  if (query.cursor !== undefined) where.push(Prisma.sql`"seq" < ${query.cursor}`);
  if (query.method) where.push(Prisma.sql`"method" = ${query.method.toUpperCase()}`);
  if (query.q) where.push(searchConditions(kind, query.q));
  if (query.header) {
    const colon = query.header.indexOf(":");
    const name = (colon === -1 ? query.header : query.header.slice(0, colon)).trim();
    const value = colon === -1 ? "" : query.header.slice(colon + 1).trim();
    where.push(headerCondition(kind, name, value));
  }
  if (query.duplicates === "only") where.push(Prisma.sql`"duplicateOf" IS NOT NULL`);
  return where;
}

/** A capture as stored (raw body, headers, attempts), or 404. */
export async function findCapture(binId: string, id: string) {
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

export async function getCaptureBody(binId: string, id: string) {
  const capture = await findCapture(binId, id);
  return { bytes: Buffer.from(capture.body), contentType: capture.contentType, headers: capture.headers as HeaderPairs };
}

/**
 * Full captures of a bin, newest first, a page at a time so an export never holds a whole bin;
 * `filter` narrows them as it narrows the list.
 */
export async function* capturePages(binId: string, ids?: string[], pageSize = 20, filter: CaptureFilter = {}) {
  const prisma = await db();
  const filtered = Object.values(filter).some((v) => v !== undefined);
  let cursor: bigint | undefined;
  for (;;) {
    // Filtered, a page of the list (its SQL filters) names the captures to load.
    const listed = filtered ? (await listCaptures(binId, { ...filter, limit: pageSize, cursor })).items : undefined;
    if (listed?.length === 0) return;
    const rows = await prisma.capture.findMany({
      where: { binId, seq: { lt: cursor }, AND: [{ id: { in: ids } }, { id: { in: listed?.map((c) => c.id) } }] },
      include: { attempts: { orderBy: { createdAt: "desc" } } },
      orderBy: { seq: "desc" },
      take: pageSize,
    });
    if (rows.length === 0 && !listed) return;
    if (rows.length > 0) yield rows.map(toCaptureView);
    cursor = listed ? BigInt(listed[listed.length - 1].seq) : rows[rows.length - 1].seq;
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
  await prisma.capture.deleteMany({ where: { binId } });
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
