import { Prisma } from "../generated/prisma/client.ts";
import { db } from "./db.ts";

/**
 * Token buckets kept in the database, so every instance of a PostgreSQL deployment draws on the same
 * per-bin allowance. One statement takes a token (or finds none) atomically, on the database's
 * clock: instances whose clocks disagree still refill a bucket at one rate.
 */
export async function takeSharedToken(key: string, perMinute: number): Promise<{ granted: boolean; tokens: number }> {
  const prisma = await db();
  const limit = Prisma.sql`CAST(${perMinute} AS DOUBLE PRECISION)`;
  // Inside ON CONFLICT … SET every "RateBucket" column is still the row's value before this update.
  const refilled = Prisma.sql`LEAST(${limit}, "RateBucket"."tokens" + (EXCLUDED."at" - "RateBucket"."at") * ${limit} / 60000.0)`;
  const [row] = await prisma.$queryRaw<{ granted: boolean; tokens: number }[]>`
    INSERT INTO "RateBucket" ("key", "tokens", "at", "granted")
    VALUES (${key}, ${limit} - 1, CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS DOUBLE PRECISION), true)
    ON CONFLICT ("key") DO UPDATE SET
      "tokens" = ${refilled} - CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
      "at" = EXCLUDED."at",
      "granted" = ${refilled} >= 1
    RETURNING "granted", "tokens"`;
  return { granted: row.granted, tokens: Number(row.tokens) };
}
