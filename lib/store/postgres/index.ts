import type { PrismaClient } from "../../generated/prisma/client.ts";
import { PartlyStored, type Database, type Driver } from "../database.ts";
import { deliveryKeys, markDuplicates } from "../duplicates.ts";
import type { StoredCapture } from "../stored-capture.ts";
import { deleteBeyond } from "../prune.ts";
import { shareThroughPostgres } from "./live-adapter.ts";
import { foreignKeyFailed, openAdapterWrites, type AdapterWrites } from "./adapter-writes.ts";
import { migratePostgres } from "./migrate.ts";
import { SharedRateLimiter } from "./rate-limiter.ts";
import { headerCondition, insertAttempts, insertCaptures, lockKeys, searchCondition } from "./sql.ts";

/** PostgreSQL, for several instances on one database: everything they must agree on is decided in it. */

async function connect(url: string): Promise<PrismaClient> {
  // Loaded only here: a SQLite deployment never loads the PostgreSQL driver.
  const [{ PrismaPg }, generated] = await Promise.all([import("@prisma/adapter-pg"), import("../../generated/prisma-postgres/client.ts")]);
  // Generated from the one source schema, the PostgreSQL client has the SQLite client's API; its
  // type stands for both in the rest of the app. (The types differ only in the isolation levels
  // $transaction accepts, which the app never sets.)
  return new generated.PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
}

/** Rows take the `seq` range that ends at `last`, in order. */
function numberRows(rows: StoredCapture[], numbered: { seq: bigint | number | string }[]) {
  const last = Math.max(...numbered.map((r) => Number(r.seq)));
  rows.forEach((row, i) => (row.seq = last - rows.length + 1 + i));
}

function postgresDatabase(prisma: PrismaClient, writes: AdapterWrites, url: string): Database {
  /** Stores rows in one commit, numbered in commit order, repeat deliveries marked. */
  async function insertBatch(rows: StoredCapture[]) {
    const keys = deliveryKeys(rows);
    if (keys.length === 0) return numberRows(rows, await writes.$queryRaw<{ seq: string }[]>(insertCaptures(rows)));
    // Another instance may be storing the same delivery right now: with its key locked until this
    // commits, the lookup sees every earlier delivery committed, and exactly one is the first.
    await writes.transaction(async (tx) => {
      await tx.$queryRaw(lockKeys(keys.sort()));
      await markDuplicates(tx, rows);
      numberRows(rows, await tx.$queryRaw<{ seq: string }[]>(insertCaptures(rows)));
    });
  }

  return {
    name: "postgresql",
    shared: true,
    prisma,
    // Two transactions at once could commit out of order: one batch at a time.
    batchesInFlight: 1,
    async insertCaptures(rows: StoredCapture[]) {
      try {
        await insertBatch(rows);
        return rows;
      } catch (error) {
        if (!foreignKeyFailed(error)) throw error;
        // A bin deleted after the capture path looked it up: store its neighbours, one by one.
        const stored: StoredCapture[] = [];
        for (const row of rows) {
          try {
            await insertBatch([row]);
            stored.push(row);
          } catch (e) {
            if (!foreignKeyFailed(e)) throw new PartlyStored(stored, e);
          }
        }
        return stored;
      }
    },
    insertAttempts: (rows) => writes.$queryRaw<{ id: string; binId: string }[]>(insertAttempts(rows)),
    pruneCaptures: async (binId, keep) => (await writes.$queryRaw<{ id: string }[]>(deleteBeyond(binId, keep))).map((r) => r.id),
    searchCondition,
    headerCondition,
    rateLimiter: (perMinute) => new SharedRateLimiter(prisma, perMinute),
    shareLive: (io) => shareThroughPostgres(io, url),
    close: async () => void (await Promise.all([prisma.$disconnect(), writes.close()])),
  };
}

export const postgres: Driver = {
  accepts: (url) => /^postgres(ql)?:\/\//.test(url),
  migrate: (url, root) => migratePostgres(url, root),
  async open(url) {
    const applied = await migratePostgres(url);
    const [prisma, writes] = await Promise.all([connect(url), openAdapterWrites(url)]);
    return { database: postgresDatabase(prisma, writes, url), applied };
  },
};
