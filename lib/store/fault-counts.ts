import { notFound } from "../runtime/errors.ts";
import { db } from "./db.ts";

/**
 * `fail_first` counts, in the database so that every instance counts the same deliveries: with two
 * instances behind a load balancer, "fail twice, then answer" still fails exactly twice.
 */

/** Counts one more delivery under `key` and answers how many there are now, this one included. */
export async function countFailure(binId: string, key: string): Promise<number> {
  const prisma = await db();
  // One statement, atomic on both databases: concurrent deliveries each get their own number.
  try {
    const [row] = await prisma.$queryRaw<{ count: bigint | number }[]>`INSERT INTO "FaultCount" ("key", "binId", "count")
      VALUES (${key}, ${binId}, 1) ON CONFLICT ("key") DO UPDATE SET "count" = "FaultCount"."count" + 1 RETURNING "count"`;
    return Number(row.count);
  } catch (error) {
    // A foreign-key failure: the bin was deleted after the capture path looked it up.
    if ((error as { code?: unknown }).code === "P2003") throw notFound("bin");
    throw error;
  }
}
