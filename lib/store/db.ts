import { config } from "../runtime/config.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { backfillCaptures } from "./backfill.ts";
import { interruptReplays } from "./replay-recovery.ts";
import type { Database, Driver, Opened } from "./database.ts";
import { postgres } from "./postgres/index.ts";
import { sqlite } from "./sqlite/index.ts";

/** The process's one database, chosen once from DATABASE_URL. */

const DRIVERS: Driver[] = [sqlite, postgres];

function driverFor(url: string): Driver {
  const driver = DRIVERS.find((d) => d.accepts(url));
  if (!driver) throw new Error(`Unsupported DATABASE_URL "${url}": expected file:… (SQLite) or postgresql://… (PostgreSQL)`);
  return driver;
}

/** Applies pending migrations to the database at `url` (scripts and tests; the server opens with openDatabase). */
export const migrate = (url: string, root?: string) => driverFor(url).migrate(url, root);

let opening: Promise<Opened> | undefined;

/** Opens the process's database once: migrations applied, connected, old rows backfilled. */
export function openDatabase(): Promise<Opened> {
  opening ??= (async () => {
    const opened = await driverFor(config.DATABASE_URL).open(config.DATABASE_URL);
    // Before anything reads captures: every summary then carries a real bodySha256.
    await backfillCaptures(opened.database.prisma);
    await interruptReplays(opened.database.prisma, opened.database.shared);
    return opened;
  })();
  return opening;
}

export const database = async (): Promise<Database> => (await openDatabase()).database;

export const db = async (): Promise<PrismaClient> => (await database()).prisma;

/** Resolves while the database answers a trivial query (the health check). */
export async function databaseAnswers(): Promise<void> {
  await (await db()).$queryRawUnsafe("SELECT 1");
}
