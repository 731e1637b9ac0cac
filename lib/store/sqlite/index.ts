import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.ts";
import type { Database, Driver } from "../database.ts";
import { markDuplicates } from "../duplicates.ts";
import { RateLimiter } from "../rate-limit.ts";
import type { StoredCapture } from "../stored-capture.ts";
import { lockDatabaseFile } from "./lock.ts";
import { migrateSqlite } from "./migrate.ts";
import { SearchIndexer } from "./search-index.ts";
import { headerCondition, insertCaptures, nextSeq, searchCondition } from "./sql.ts";

/** SQLite, the embedded default: one file, one server, one writer. */

/** The file a `file:` DATABASE_URL names, relative to the working directory. */
const fileOf = (url: string) => path.resolve(url.slice("file:".length));

async function connect(file: string): Promise<PrismaClient> {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
  // WAL + NORMAL: a committed capture survives a process crash, at several times FULL's insert rate.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  return prisma;
}

function sqliteDatabase(prisma: PrismaClient): Database {
  const indexer = new SearchIndexer(prisma);
  return {
    name: "sqlite",
    shared: false,
    prisma,
    async insertCaptures(rows: StoredCapture[]) {
      // This process is the file's only writer (lock.ts) and the capture writer runs one batch at a
      // time, so the lookup sees everything committed before the batch, and the counter and the INSERT
      // need no transaction around them. A failed INSERT leaves a gap in `seq`, which ordering does not mind.
      await markDuplicates(prisma, rows);
      const [counter] = await prisma.$queryRaw<{ value: bigint | number }[]>(nextSeq(rows.length));
      const last = Number(counter.value);
      rows.forEach((row, i) => (row.seq = last - rows.length + 1 + i));
      await prisma.$executeRaw(insertCaptures(rows));
    },
    searchCondition,
    headerCondition,
    rateLimiter: (perMinute) => new RateLimiter(perMinute),
    indexSearch: () => indexer.poke(),
    // One instance: its sockets are all there are.
    shareLive: async () => {},
    close: () => prisma.$disconnect(),
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
    return { database: sqliteDatabase(await connect(file)), applied };
  },
};
