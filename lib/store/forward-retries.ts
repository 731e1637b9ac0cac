import { db } from "./db.ts";

/**
 * The schedule of forward retries, one row per capture whose last forward try failed and will be
 * tried again. It lives in the database rather than in a timer, so it survives a restart and every
 * instance sharing the database works from the same schedule. Each change is one conditional update
 * on (captureId, nextTry): only the instance that took a try moves it on, and a try given up or
 * taken elsewhere meanwhile changes nothing.
 */

export type DueRetry = { captureId: string; binId: string; nextTry: number };

/** Schedules try `nextTry` of a capture's forward at `dueAt`, replacing what was scheduled. */
export async function scheduleRetry(captureId: string, binId: string, nextTry: number, dueAt: Date): Promise<void> {
  const prisma = await db();
  await prisma.forwardRetry.upsert({
    where: { captureId },
    create: { captureId, binId, nextTry, dueAt },
    update: { nextTry, dueAt, takenUntil: null },
  });
}

// Not taken, or taken by an instance that did not finish in time.
const free = (now: Date) => ({ OR: [{ takenUntil: null }, { takenUntil: { lt: now } }] });

/** Retries due by `now`, earliest first (at most `limit`): candidates to take, not yet taken. */
export async function dueRetries(now: Date, limit: number): Promise<DueRetry[]> {
  const prisma = await db();
  return prisma.forwardRetry.findMany({
    where: { dueAt: { lte: now }, ...free(now) },
    orderBy: { dueAt: "asc" },
    take: limit,
    select: { captureId: true, binId: true, nextTry: true },
  });
}

/**
 * Takes a due try for this instance until `leaseUntil`: of several instances trying at once, the
 * database lets exactly one update match (PostgreSQL re-checks the condition on the row a concurrent
 * update left; SQLite runs writes one at a time). A taker that dies mid-try leaves the row to be
 * taken again once the lease is over.
 */
export async function takeRetry(retry: DueRetry, now: Date, leaseUntil: Date): Promise<boolean> {
  const prisma = await db();
  const { count } = await prisma.forwardRetry.updateMany({
    where: { captureId: retry.captureId, nextTry: retry.nextTry, dueAt: { lte: now }, ...free(now) },
    data: { takenUntil: leaseUntil },
  });
  return count === 1;
}

/** After try `done` failed: schedules the next one, unless the retry was given up meanwhile. */
export async function advanceRetry(captureId: string, done: number, dueAt: Date): Promise<boolean> {
  const prisma = await db();
  const { count } = await prisma.forwardRetry.updateMany({
    where: { captureId, nextTry: done },
    data: { nextTry: done + 1, dueAt, takenUntil: null },
  });
  return count === 1;
}

/** Hands a taken try back untried (this instance is stopping, or has no room for it now): it is due again at once. */
export async function releaseRetry(captureId: string, nextTry: number): Promise<void> {
  const prisma = await db();
  await prisma.forwardRetry.updateMany({ where: { captureId, nextTry }, data: { takenUntil: null } });
}

/** After try `done` succeeded or was the last: nothing more to try. */
export async function endRetry(captureId: string, done: number): Promise<void> {
  const prisma = await db();
  await prisma.forwardRetry.deleteMany({ where: { captureId, nextTry: done } });
}

/** "Retry now": the waiting try becomes due at once. Answers false when no retry waits. */
export async function retryNow(captureId: string, now: Date): Promise<boolean> {
  const prisma = await db();
  // A try already taken is on its way: it is left alone, and its outcome decides what follows.
  const { count } = await prisma.forwardRetry.updateMany({ where: { captureId, takenUntil: null }, data: { dueAt: now } });
  return count === 1 || (await prisma.forwardRetry.count({ where: { captureId } })) > 0;
}

/** "Give up": no further tries; a try on its way still records its outcome. Answers false when none waited. */
export async function giveUpRetry(captureId: string): Promise<boolean> {
  const prisma = await db();
  const { count } = await prisma.forwardRetry.deleteMany({ where: { captureId } });
  return count === 1;
}

/** What a due try needs: the capture as it arrived and how its bin forwards now; null when the capture is gone. */
export async function retrySubject(captureId: string) {
  const prisma = await db();
  return prisma.capture.findUnique({
    where: { id: captureId },
    select: {
      id: true, method: true, path: true, query: true, headers: true, body: true,
      bin: { select: { id: true, forwardUrl: true, forwardEnabled: true, forwardMode: true, forwardTimeoutMs: true } },
    },
  });
}
