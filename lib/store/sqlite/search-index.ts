import type { PrismaClient } from "../../generated/prisma/client.ts";
import { INDEXED_BODY_BYTES } from "../search-limits.ts";

/**
 * Keeps SQLite's trigram index of captures (the search_index migration) up with what is committed.
 * Indexing a capture costs more than storing it, so it waits until captures have stopped arriving
 * for IDLE_MS and then runs in small chunks, yielding between them; meanwhile a search scans what
 * lies above the "search" counter (sql.ts), so it finds the same either way.
 */

const IDLE_MS = 250;
// Rows and body bytes per statement: small enough that one chunk holds the event loop for a few
// milliseconds (indexing costs about a microsecond per byte).
const CHUNK = 16;
const CHUNK_BYTES = INDEXED_BODY_BYTES;

export class SearchIndexer {
  private lastCapture = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly prisma: PrismaClient) {}

  /** Called after every batch of captures (and at start): index once they stop for a while. */
  poke(): void {
    this.lastCapture = Date.now();
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.running ??= this.run().finally(() => (this.running = null));
    }, IDLE_MS);
    this.timer.unref();
  }

  private async run() {
    try {
      while (Date.now() - this.lastCapture >= IDLE_MS && (await this.step())) await new Promise((r) => setImmediate(r));
      // Captures arrived meanwhile: resume once they stop again.
      if (Date.now() - this.lastCapture < IDLE_MS) this.schedule();
    } catch (error) {
      console.error("search indexing failed; searches scan instead", error);
    }
  }

  /** Drops one chunk of deleted captures from the index, or indexes one chunk; answers whether it did anything. */
  private async step(): Promise<boolean> {
    const prisma = this.prisma;
    const gone = await prisma.$queryRaw<{ seq: bigint | number }[]>`SELECT "seq" FROM "CaptureSearchGone" ORDER BY "seq" LIMIT ${CHUNK}`;
    if (gone.length) {
      const [lo, hi] = [gone[0].seq, gone[gone.length - 1].seq];
      await prisma.$transaction([
        prisma.$executeRaw`DELETE FROM "CaptureSearch" WHERE "rowid" IN (SELECT "seq" FROM "CaptureSearchGone" WHERE "seq" BETWEEN ${lo} AND ${hi})`,
        prisma.$executeRaw`DELETE FROM "CaptureSearchUnindexed" WHERE "seq" IN (SELECT "seq" FROM "CaptureSearchGone" WHERE "seq" BETWEEN ${lo} AND ${hi})`,
        prisma.$executeRaw`DELETE FROM "CaptureSearchGone" WHERE "seq" BETWEEN ${lo} AND ${hi}`,
      ]);
      return true;
    }
    // One writer per SQLite file assigns `seq` in commit order, so nothing commits below the mark later.
    const next = await prisma.$queryRaw<{ seq: bigint | number; bodySize: number }[]>`SELECT "seq", "bodySize" FROM "Capture"
      WHERE "seq" > (SELECT "value" FROM "Counter" WHERE "name" = 'search') ORDER BY "seq" LIMIT ${CHUNK}`;
    if (next.length === 0) return false;
    const indexed = (row: { bodySize: number }) => (row.bodySize <= INDEXED_BODY_BYTES ? row.bodySize : 0);
    let n = 1;
    for (let bytes = indexed(next[0]); n < next.length && bytes + indexed(next[n]) <= CHUNK_BYTES; n++) bytes += indexed(next[n]);
    const [lo, hi] = [next[0].seq, next[n - 1].seq];
    // A body too large to index is left out and listed for searches to scan; its path, query and headers are in.
    await prisma.$transaction([
      prisma.$executeRaw`INSERT INTO "CaptureSearch" ("rowid", "text", "headers")
        SELECT "seq", "path" || char(10) || "query" || char(10) || (CASE WHEN "bodySize" <= ${INDEXED_BODY_BYTES} THEN "body" ELSE '' END), "headers"
        FROM "Capture" WHERE "seq" BETWEEN ${lo} AND ${hi}`,
      prisma.$executeRaw`INSERT INTO "CaptureSearchUnindexed" ("seq")
        SELECT "seq" FROM "Capture" WHERE "seq" BETWEEN ${lo} AND ${hi} AND "bodySize" > ${INDEXED_BODY_BYTES}`,
      prisma.$executeRaw`UPDATE "Counter" SET "value" = ${hi} WHERE "name" = 'search'`,
    ]);
    return true;
  }
}
