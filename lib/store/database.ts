import type { Server } from "socket.io";
import type { Attempt, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { RateLimit } from "./rate-limit.ts";
import type { StoredCapture } from "./stored-capture.ts";

/**
 * What differs between SQLite and PostgreSQL, behind one face: lib/store/sqlite and lib/store/postgres
 * each implement it, next to the raw SQL they run through their Prisma client, and db.ts picks one
 * at start from DATABASE_URL. Nothing else in the app knows which database it runs on.
 */
export interface Database {
  /** For the start-up log line. */
  readonly name: string;
  /** Whether other instances write to this database too: their changes must be shared, counts go stale. */
  readonly shared: boolean;
  readonly prisma: PrismaClient;
  /**
   * Stores a batch in one commit: numbered in commit order (`seq`), repeat deliveries marked. Answers
   * the rows stored: a row whose bin was deleted meanwhile is left out, not a failure of the batch.
   */
  insertCaptures(rows: StoredCapture[]): Promise<StoredCapture[]>;
  /**
   * How many batches the capture writer may have in insertCaptures at once. Each must commit in the
   * order it was sent (its rows' `seq` and `duplicateOf` depend on the batches before it).
   */
  readonly batchesInFlight: number;
  /**
   * Stores attempts (resends, forwards, replays), on the capture path's own connection: answers each
   * stored one's id and its capture's bin. One whose capture was deleted meanwhile is left out.
   */
  insertAttempts(rows: Attempt[]): Promise<{ id: string; binId: string }[]>;
  /** Deletes a bin's captures beyond its newest `keep`, on the capture path's own connection; answers their ids. */
  pruneCaptures(binId: string, keep: number): Promise<string[]>;
  /** The list's text search: `q` in the path, query or body. */
  searchCondition(q: string): Prisma.Sql;
  /** A header named `name` (any case) whose value contains `value` (any case). */
  headerCondition(name: string, value: string): Prisma.Sql;
  /** The per-bin capture allowance, as strict as the database can share it. */
  rateLimiter(perMinute: number): RateLimit;
  /** Lets every instance's Socket.IO server reach the others' sockets, where there are others. */
  shareLive(io: Server): Promise<void>;
  close(): Promise<void>;
}

export type Opened = { database: Database; applied: string[] };

/** insertCaptures stored some rows of a batch (`stored`), then failed for the rest. */
export class PartlyStored extends Error {
  constructor(
    readonly stored: StoredCapture[],
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** One kind of database: recognises its URLs, applies its migrations, opens it. */
export interface Driver {
  accepts(url: string): boolean;
  /** Applies pending migrations from `root` (default: the app's prisma/ folder); answers their names. */
  migrate(url: string, root?: string): Promise<string[]>;
  /** Applies pending migrations and connects: the server's one way in. */
  open(url: string): Promise<Opened>;
}
