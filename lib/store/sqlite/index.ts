import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { log } from "../../runtime/log.ts";
import type { Database, Driver } from "../database.ts";
import { deleteBeyond } from "../prune.ts";
import { RateLimiter } from "../rate-limit.ts";
import type { StoredCapture } from "../stored-capture.ts";
import { Checkpointer } from "./checkpointer.ts";
import { lockDatabaseFile } from "./lock.ts";
import { migrateSqlite } from "./migrate.ts";
import { advanceCounter, headerCondition, indexBehind, insertAttempts, insertCaptures, searchCondition } from "./sql.ts";
import { SearchIndexer } from "./search-indexer.ts";
import { WriterThread } from "./writer-thread.ts";

/** SQLite, the embedded default: one file, one server, one writer. */

/** The file a `file:` DATABASE_URL names, relative to the working directory. */
const fileOf = (url: string) => path.resolve(url.slice("file:".length));

async function connect(file: string): Promise<PrismaClient> {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
  // WAL + NORMAL: a committed capture survives a process crash, at several times FULL's insert rate.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  // The checkpointer's thread copies the log back into the file (checkpointer.ts), not the event loop.
  await prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
  return prisma;
}

type Inserted = { id: string; seq: bigint | number | string; duplicateOf: string | null };

function sqliteDatabase(file: string, prisma: PrismaClient): Database {
  // Set by the checkpointer's thread, read by the writer's: the write-ahead log should start over.
  const logFull = new SharedArrayBuffer(4);
  const writer = new WriterThread(file, logFull, (message) => log().error({ error: message }, "SQLite writer thread failed"));
  const checkpointer = new Checkpointer(file, logFull, (message) => {
    // Without it the log would grow without end: the writer's commits checkpoint again, as SQLite does by default.
    log().error({ error: message }, "WAL checkpoints failed in their thread; the writer thread takes them over");
    writer.transaction([Prisma.sql`PRAGMA wal_autocheckpoint = 1000`]).catch((error: unknown) => log().error({ error: String(error) }, "SQLite writer thread failed"));
  });
  const indexer = new SearchIndexer(
    (statements) => writer.transaction(statements),
    () => writer.idle(),
    (message) => log().error({ error: message }, "indexing captures for search failed; searches scan them meanwhile"),
  );
  // Captures a crash left unindexed (the writer thread starts only if there are).
  prisma
    .$queryRaw<{ behind: number | bigint }[]>(indexBehind)
    .then(([{ behind }]) => Number(behind) > 0 && indexer.soon())
    .catch((error: unknown) => log().error({ error: String(error) }, "reading how far the search index has come failed"));
  return {
    name: "sqlite",
    shared: false,
    prisma,
    // The writer thread runs them one after another, in the order sent.
    batchesInFlight: 2,
    async insertCaptures(rows: StoredCapture[]) {
      // This process is the file's only writer of captures (lock.ts), and its writer thread commits the
      // batches one after another: the INSERT's duplicates lookup finds every batch sent before this one.
      const [inserted] = await writer.transaction([insertCaptures(rows), advanceCounter(rows.length)]);
      indexer.soon();
      const byId = new Map((inserted as Inserted[]).map((r) => [r.id, r]));
      return rows.filter((row) => {
        const stored = byId.get(row.id);
        if (stored) Object.assign(row, { seq: Number(stored.seq), duplicateOf: stored.duplicateOf ?? null });
        return stored !== undefined;
      });
    },
    // On the writer thread too: written on the event loop's connection, each would wait (asleep, in
    // SQLite's busy handler, with the event loop) for the batch of captures the thread is committing.
    insertAttempts: async (rows) => (await writer.transaction([insertAttempts(rows)]))[0] as { id: string; binId: string }[],
    pruneCaptures: async (binId, keep) => ((await writer.transaction([deleteBeyond(binId, keep)]))[0] as { id: string }[]).map((r) => r.id),
    searchCondition,
    headerCondition,
    rateLimiter: (perMinute) => new RateLimiter(perMinute),
    // One instance: its sockets are all there are.
    shareLive: async () => {},
    async close() {
      await indexer.stop();
      await writer.stop();
      await checkpointer.stop();
      await prisma.$disconnect();
    },
  };
}

export const sqlite: Driver = {
  accepts: (url) => url.startsWith("file:"),
  migrate: async (url, root) => migrateSqlite(fileOf(url), root),
  async open(url) {
    const file = fileOf(url);
    mkdirSync(path.dirname(file), { recursive: true });
    lockDatabaseFile(file);
    const applied = migrateSqlite(file);
    return { database: sqliteDatabase(file, await connect(file)), applied };
  },
};
