import type { Prisma } from "../../generated/prisma/client.ts";
import type { Queryable } from "../duplicates.ts";

/**
 * The capture path's writes on PostgreSQL (batches of captures and attempts, pruning), sent through
 * Prisma's own PostgreSQL driver adapter rather than Prisma Client, as SQLite's go through its
 * driver adapter on the writer thread. The SQL and values are the same Prisma.sql statements; what
 * is skipped is the client's work around them: every value serialised (bodies to base64 and back)
 * and a query plan built per call, and objects that, under a flood, outlived the young generation
 * (the heap grew by 30–40 MB a second between full collections, which the adapter alone does not).
 * Reads and the rarer writes stay on Prisma Client.
 */

// The adapter converts a value by its declared type only for dates given as strings and bytes given
// as base64; ours are Dates and Buffers already, which it converts whatever the type.
const ANY = { scalarType: "unknown", arity: "scalar" } as const;

type Adapter = Awaited<ReturnType<InstanceType<typeof import("@prisma/adapter-pg").PrismaPg>["connect"]>>;
type SqlQueryable = Pick<Adapter, "queryRaw">;

export type AdapterWrites = Queryable & {
  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

const statement = (sql: string) => ({ sql, args: [], argTypes: [] });

// Other instances hold the counter's row for one batch's commit: milliseconds.
const LOCK_TIMEOUT_MS = 5000;

/** Rows as objects by column name, as `$queryRaw` answers them (numbers and bigints as the driver gives them). */
async function query(on: SqlQueryable, sql: Prisma.Sql): Promise<Record<string, unknown>[]> {
  const { columnNames, rows } = await on.queryRaw({ sql: sql.text, args: sql.values, argTypes: sql.values.map(() => ANY) });
  return rows.map((row) => Object.fromEntries(columnNames.map((name, i) => [name, row[i]])));
}

const queryable = (on: SqlQueryable): Queryable => ({ $queryRaw: <T>(sql: Prisma.Sql) => query(on, sql) as Promise<T> });

export async function openAdapterWrites(url: string): Promise<AdapterWrites> {
  // Loaded only here: a SQLite deployment never loads the PostgreSQL driver.
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // Captures take one batch at a time, attempts another: a few connections are plenty. A batch that
  // waits LOCK_TIMEOUT_MS for a lock (the capture counter's row, held by a stuck transaction
  // elsewhere) fails, and its senders are answered 500, rather than every capture after it waiting
  // without end.
  const adapter = await new PrismaPg({ connectionString: url, max: 4, options: `-c lock_timeout=${LOCK_TIMEOUT_MS}` }).connect();
  return {
    ...queryable(adapter),
    async transaction(work) {
      const tx = await adapter.startTransaction();
      try {
        const result = await work(queryable(tx));
        await tx.executeRaw(statement("COMMIT"));
        await tx.commit();
        return result;
      } catch (error) {
        await tx.executeRaw(statement("ROLLBACK")).catch(() => {});
        await tx.rollback();
        throw error;
      }
    },
    close: () => adapter.dispose(),
  };
}

/** A foreign-key failure, as the adapter reports it. */
export const foreignKeyFailed = (error: unknown) => (error as { cause?: { kind?: unknown } } | null)?.cause?.kind === "ForeignKeyConstraintViolation";
