import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * At start, before anything runs: a replay still marked running was cut short when its server
 * stopped or crashed. Its results so far stay; it is marked interrupted, not left running for ever.
 */
export async function interruptReplays(prisma: PrismaClient): Promise<number> {
  const { count } = await prisma.replay.updateMany({ where: { state: "running" }, data: { state: "interrupted", finishedAt: new Date() } });
  return count;
}
