import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { log } from "../../runtime/log.ts";
import type { Database, Driver } from "../database.ts";
import { RateLimiter } from "../rate-limit.ts";
import { Checkpointer } from "./checkpointer.ts";
import { insertBatch, type Adapter } from "./capture-insert.ts";
import { lockDatabaseFile } from "./lock.ts";
import { migrateSqlite } from "./migrate.ts";
import { headerCondition, searchCondition } from "./sql.ts";

/** SQLite, the embedded default: one file, one server, one writer. */

/** The file a `file:` DATABASE_URL names, relative to the working directory. */
const fileOf = (url: string) => path.resolve(url.slice("file:".length));

/** Prisma Client on the file, and the driver adapter it connected through (the capture writer's way in). */
async function connect(file: string): Promise<{ prisma: PrismaClient; adapter: () => Adapter }> {
  const factory = new PrismaBetterSqlite3({ url: file });
  let adapter: Adapter | undefined;
  const prisma = new PrismaClient({
    adapter: { provider: factory.provider, adapterName: factory.adapterName, connect: async () => (adapter = await factory.connect()) },
  });
  // WAL + NORMAL: a committed capture survives a process crash, at several times FULL's insert rate.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  // The checkpointer's worker copies the log back into the file (checkpointer.ts).
  await prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
  // Large bins are read in long runs of pages (search, export): 64 MiB of them stay in memory.
  await prisma.$executeRawUnsafe("PRAGMA cache_size = -65536");
  return { prisma, adapter: () => adapter! };
}

function sqliteDatabase(file: string, prisma: PrismaClient, adapter: () => Adapter): Database {
  const checkpointer = new Checkpointer(file, (message) => {
    // Without it the log would grow without end: commits checkpoint again, as SQLite does by default.
    log().error({ error: message }, "WAL checkpoints failed in their worker; the capture path takes them over");
    void prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 1000");
  });
  return {
    name: "sqlite",
    shared: false,
    prisma,
    insertCaptures: (rows) => insertBatch(adapter(), rows),
    searchCondition,
    headerCondition,
    rateLimiter: (perMinute) => new RateLimiter(perMinute),
    // One instance: its sockets are all there are.
    shareLive: async () => {},
    async close() {
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
    const { prisma, adapter } = await connect(file);
    return { database: sqliteDatabase(file, prisma, adapter), applied };
  },
};
