import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { config, databaseKind, sqlitePath } from "../runtime/config.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { backfillCaptures } from "./backfill.ts";

/** The one Prisma client of the process, on SQLite or PostgreSQL as DATABASE_URL says. */

export const kind = databaseKind(config.DATABASE_URL);

async function connect(): Promise<PrismaClient> {
  const prisma = await open();
  // Before anything reads captures: every summary then carries a real bodySha256.
  await backfillCaptures(prisma);
  return prisma;
}

async function open(): Promise<PrismaClient> {
  if (kind === "postgresql") {
    const [{ PrismaPg }, generated] = await Promise.all([
      import("@prisma/adapter-pg"),
      import("../generated/prisma-postgres/client.ts"),
    ]);
    // Both clients are generated from the one source schema, so they share an API; the SQLite
    // client's type stands for either.
    return new generated.PrismaClient({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL }) }) as unknown as PrismaClient;
  }
  const file = sqlitePath(config.DATABASE_URL);
  mkdirSync(path.dirname(file), { recursive: true });
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
  // WAL + NORMAL: a committed capture survives a process crash, at several times FULL's insert rate.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  return prisma;
}

let connecting: Promise<PrismaClient> | undefined;

export function db(): Promise<PrismaClient> {
  connecting ??= connect();
  return connecting;
}

/** Resolves while the database answers a trivial query (the health check). */
export async function databaseAnswers(): Promise<void> {
  const prisma = await db();
  await prisma.$queryRawUnsafe("SELECT 1");
}
