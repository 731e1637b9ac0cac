import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { Prisma } from "../../generated/prisma/client.ts";
import { markDuplicates } from "../duplicates.ts";
import type { StoredCapture } from "../stored-capture.ts";
import { binsOf, insertCaptures, nextSeq } from "./sql.ts";

/**
 * A batch of captures stored in one SQLite transaction, through Prisma's own better-sqlite3 driver
 * adapter: the very connection Prisma Client uses, taken under the adapter's transaction lock, so no
 * Prisma transaction interleaves with it. Prisma Client's raw queries would first map each of a
 * batch's thousands of parameters through its query pipeline (base64 for every body and back), which
 * cost more than SQLite's own work; the adapter binds them as they are.
 */

export type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

// The adapter maps arguments by declared type only to convert strings; ours are already in their SQLite form.
const ANY = { scalarType: "unknown", arity: "scalar" } as const;

const toQuery = (q: Prisma.Sql) => ({
  sql: q.sql,
  args: q.values.map((v) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v)),
  argTypes: q.values.map(() => ANY),
});

/** Prisma Client's $queryRaw, on the transaction: rows as objects keyed by column. */
const queryable = (tx: Transaction) => ({
  async $queryRaw<T>(q: Prisma.Sql): Promise<T> {
    const { columnNames, rows } = await tx.queryRaw(toQuery(q));
    return rows.map((row) => Object.fromEntries(columnNames.map((name, i) => [name, row[i]]))) as T;
  },
});

/**
 * Stores `rows` in one commit, numbered in commit order, repeat deliveries marked; answers those
 * stored. A row whose bin was deleted since the capture path looked it up is left out, rather than
 * failing the batch. This process is the file's only writer (lock.ts) and the capture writer runs one
 * batch at a time, so the duplicates lookup sees everything committed before the batch.
 */
export async function insertBatch(adapter: Adapter, rows: StoredCapture[]): Promise<StoredCapture[]> {
  const tx = await adapter.startTransaction();
  const db = queryable(tx);
  try {
    if (rows.some((r) => r.deliveryId !== null)) await markDuplicates(db, rows);
    const [{ value }] = await db.$queryRaw<{ value: bigint | number | string }[]>(nextSeq(rows.length));
    const last = Number(value);
    rows.forEach((row, i) => (row.seq = last - rows.length + 1 + i));
    const inserted = await tx.executeRaw(toQuery(insertCaptures(rows)));
    let stored = rows;
    if (inserted < rows.length) {
      const bins = new Set((await db.$queryRaw<{ id: string }[]>(binsOf(rows))).map((b) => b.id));
      stored = rows.filter((r) => bins.has(r.binId));
    }
    await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
    return stored;
  } catch (error) {
    await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => {});
    throw error;
  } finally {
    // Releases the adapter's transaction lock (the SQL above ended the transaction itself).
    await tx.commit();
  }
}
