import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * A running replay's runner touches its `heartbeatAt` at least this often; one quiet for
 * STALE_AFTER_MS has lost its runner (its server stopped or crashed) and is marked interrupted.
 */
export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 6 * HEARTBEAT_MS;

/**
 * At start, before anything runs: a replay still marked running was cut short when its server
 * stopped or crashed. Its results so far stay; it is marked interrupted, not left running for ever.
 * Alone on its database, the server knows every running replay was its own; on a shared one, only
 * those whose runner has gone quiet are, the others run on other instances.
 */
export async function interruptReplays(prisma: PrismaClient, shared: boolean, now = new Date()): Promise<number> {
  const quiet = shared ? { heartbeatAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } } : {};
  const { count } = await prisma.replay.updateMany({ where: { state: "running", ...quiet }, data: { state: "interrupted", finishedAt: now } });
  return count;
}
