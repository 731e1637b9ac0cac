import { Prisma } from "../generated/prisma/client.ts";
import type { StoredCapture } from "./stored-capture.ts";

/** Repeat deliveries: the same provider delivery id arriving at one bin more than once. */

/** Prisma Client, a transaction of it, or the PostgreSQL adapter's stand-in (postgres/adapter-writes.ts). */
export type Queryable = { $queryRaw: <T>(query: Prisma.Sql) => Promise<T> };

const deliveryKey = (binId: string, deliveryId: string) => `${binId}\n${deliveryId}`;

/** The (bin, delivery id) keys a batch carries, once each. */
export function deliveryKeys(rows: StoredCapture[]): string[] {
  return [...new Set(rows.flatMap((r) => (r.deliveryId === null ? [] : [deliveryKey(r.binId, r.deliveryId)])))];
}

// Ids looked up per statement; SQLite allows at most 500 parts in one compound SELECT.
const LOOKUP_CHUNK = 200;

/**
 * Sets `duplicateOf` on a batch's rows: each (bin, deliveryId)'s earliest stored capture, else the
 * batch's own first. One statement for the batch (a batch rarely holds 200 distinct ids), one seek
 * per id on the (binId, deliveryId, seq) index however often that id was delivered before. What it
 * finds is what was committed before: the caller makes sure no other writer commits one of these
 * ids between this lookup and its INSERT.
 */
export async function markDuplicates(client: Queryable, rows: StoredCapture[]): Promise<void> {
  for (const row of rows) row.duplicateOf = null;
  const keyed = rows.filter((r): r is StoredCapture & { deliveryId: string } => r.deliveryId !== null);
  if (keyed.length === 0) return;
  const keys = [...new Map(keyed.map((r) => [deliveryKey(r.binId, r.deliveryId), r])).values()];
  const first = new Map<string, string>();
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    const seeks = keys.slice(i, i + LOOKUP_CHUNK).map(
      (r, j) => Prisma.sql`SELECT * FROM (SELECT "binId", "deliveryId", "id" FROM "Capture"
        WHERE "binId" = ${r.binId} AND "deliveryId" = ${r.deliveryId} ORDER BY "seq" LIMIT 1) AS ${Prisma.raw(`k${j}`)}`,
    );
    const found = await client.$queryRaw<{ binId: string; deliveryId: string; id: string }[]>(Prisma.join(seeks, " UNION ALL "));
    for (const f of found) first.set(deliveryKey(f.binId, f.deliveryId), f.id);
  }
  const earlier = earlierInBatch(rows);
  rows.forEach((row, i) => (row.duplicateOf = row.deliveryId === null ? null : (first.get(deliveryKey(row.binId, row.deliveryId)) ?? earlier[i])));
}

/** For each row, the id of the batch's first row with its (bin, delivery id), when that is an earlier one. */
export function earlierInBatch(rows: StoredCapture[]): (string | null)[] {
  const first = new Map<string, string>();
  return rows.map((row) => {
    if (row.deliveryId === null) return null;
    const key = deliveryKey(row.binId, row.deliveryId);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row.id);
    return earlier ?? null;
  });
}
