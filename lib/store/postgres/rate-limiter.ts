import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { waitSeconds, type RateLimit } from "../rate-limit.ts";

/**
 * Token buckets kept in the database, so every instance of a PostgreSQL deployment draws on the same
 * per-bin allowance. One statement takes a token (or finds none) atomically, on the database's
 * clock: instances whose clocks disagree still refill a bucket at one rate.
 */
async function takeSharedToken(prisma: PrismaClient, key: string, perMinute: number): Promise<{ granted: boolean; tokens: number }> {
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

/** The per-bin allowance in the database: several instances share one bucket per bin. */
export class SharedRateLimiter implements RateLimit {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly perMinute: number,
  ) {}

  async take(key: string): Promise<number> {
    if (this.perMinute <= 0) return 0;
    const { granted, tokens } = await takeSharedToken(this.prisma, key, this.perMinute);
    return granted ? 0 : waitSeconds(tokens, this.perMinute);
  }
}
