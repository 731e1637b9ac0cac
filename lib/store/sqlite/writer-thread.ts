import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Prisma } from "../../generated/prisma/client.ts";

/**
 * The capture path's writes, on a thread of their own. SQLite works on the thread that calls it: a
 * batch of captures written on the event loop stalls every sender, reader and socket until it has
 * committed, which measured as more than half of a capture's cost. Here the event loop keeps reading,
 * answering and announcing while a batch commits. The thread has its own connection, through Prisma's
 * own better-sqlite3 driver adapter (so every capture row is still written through Prisma), and runs
 * each job's statements, built by the caller with Prisma.sql, in one IMMEDIATE transaction.
 *
 * Its connection, like every other on the file, leaves copying the write-ahead log back to the
 * checkpointer (checkpointer.ts), whose fsyncs would otherwise hold up the batches queued here; it
 * only finishes the copy, between two batches, when the checkpointer asks.
 */

export type Row = Record<string, unknown>;

// A worker from a string, so the build needs no file of its own; it loads only the driver adapter.
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { PrismaBetterSqlite3 } = require(workerData.adapter);
const logFull = new Int32Array(workerData.logFull);
// The adapter maps arguments by declared type only to convert strings; ours are already in SQLite's form.
const ANY = { scalarType: "unknown", arity: "scalar" };
const reason = (error) => String((error && error.cause && error.cause.originalMessage) || (error && error.message) || error);
// The adapter prepares every statement afresh on each call (it keeps none), which took a fifth of
// this thread's time. Its statements come in few shapes (a batch of n captures is one), so the
// connection it calls keeps each prepared and binds a call's arguments to it, as the adapter would
// have bound them to a fresh one. The oldest shape goes once STATEMENTS are kept.
const STATEMENTS = 64;
function keepStatements(db) {
  const prepare = db.prepare.bind(db);
  const kept = new Map();
  db.prepare = (sql) => {
    let statement = kept.get(sql);
    if (statement) kept.delete(sql);
    else {
      statement = prepare(sql);
      if (kept.size >= STATEMENTS) kept.delete(kept.keys().next().value);
    }
    kept.set(sql, statement);
    const reader = statement.reader;
    return { reader, bind: (args) => ({ reader, run: () => statement.run(args), columns: () => statement.columns(), raw: () => ({ all: () => statement.raw(true).all(args) }) }) };
  };
}
let ready = new PrismaBetterSqlite3({ url: workerData.file }).connect().then(async (adapter) => {
  await adapter.executeScript("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 0;");
  keepStatements(adapter.client);
  return adapter;
});
parentPort.on("message", (message) => {
  if (message === "stop") {
    ready.then((adapter) => adapter.dispose()).finally(() => parentPort.close());
    return;
  }
  ready = ready.then(async (adapter) => {
    try {
      await adapter.executeScript("BEGIN IMMEDIATE");
      const results = [];
      for (const statement of message.statements) {
        // Bytes arrive as Uint8Array views; the driver binds Buffers.
        const args = statement.args.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v));
        const { columnNames, rows } = await adapter.queryRaw({ sql: statement.sql, args, argTypes: args.map(() => ANY) });
        results.push(rows.map((row) => Object.fromEntries(columnNames.map((name, i) => [name, row[i]]))));
      }
      await adapter.executeScript("COMMIT");
      parentPort.postMessage({ id: message.id, results });
    } catch (error) {
      await adapter.executeScript("ROLLBACK").catch(() => {});
      parentPort.postMessage({ id: message.id, error: reason(error) });
    }
    // Asked by the checkpointer (checkpointer.ts): copy the little it has not, between two batches,
    // so that the next batch starts the log over. If another checkpoint is running (busy), the
    // checkpointer asks again.
    if (Atomics.exchange(logFull, 0, 0) === 1) await adapter.executeScript("PRAGMA wal_checkpoint(PASSIVE)").catch(() => {});
    return adapter;
  });
});
`;

// A statement the thread lets go of (an unusual shape, or one pushed out of those kept) is freed, SQL
// and all, only when the garbage collector runs; on a thread that allocates little it seldom would.
// A small young generation makes it run every few hundred kB.
const HEAP = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 64 };

type Waiting = { worker: Worker; resolve: (results: Row[][]) => void; reject: (error: Error) => void };

// Only SQL and values cross to the thread, which types every value as it is (cloning a type per value cost as much as the values).
const toQuery = (q: Prisma.Sql) => ({ sql: q.sql, args: q.values });

export class WriterThread {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private readonly idleWaiters: (() => void)[] = [];
  private next = 0;

  constructor(
    private readonly file: string,
    /** Set by the checkpointer when the log should start over (checkpointer.ts). */
    private readonly logFull: SharedArrayBuffer,
    private readonly onError: (message: string) => void,
  ) {}

  /** Runs `statements` in one transaction on the thread; answers each one's rows (RETURNING or SELECT). */
  transaction(statements: Prisma.Sql[]): Promise<Row[][]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const worker = this.thread();
      this.waiting.set(id, { worker, resolve, reject });
      try {
        worker.postMessage({ id, statements: statements.map(toQuery) });
      } catch (error) {
        this.waiting.delete(id);
        reject(error as Error);
      }
    });
  }

  /** Settles once the thread has no job. */
  idle(): Promise<void> {
    if (this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Ends the thread once its jobs are done. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    // Unreferenced, it would not keep a stopping process alive long enough to be waited for.
    worker.ref();
    worker.postMessage("stop");
    await exited;
  }

  private settledAll() {
    if (this.waiting.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const adapter = createRequire(import.meta.url).resolve("@prisma/adapter-better-sqlite3");
    const worker = new Worker(SOURCE, { eval: true, workerData: { adapter, file: this.file, logFull: this.logFull }, resourceLimits: HEAP });
    worker.on("message", (message: { id: number; results?: Row[][]; error?: string }) => {
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.results!);
      this.settledAll();
    });
    // A thread that dies fails what it held; the next job starts a new one.
    worker.once("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, waiting] of this.waiting) {
        if (waiting.worker !== worker) continue;
        this.waiting.delete(id);
        waiting.reject(new Error(`the SQLite writer thread stopped (exit code ${code})`));
      }
      this.settledAll();
    });
    worker.on("error", (error) => this.onError(error.message));
    // It must not keep a stopping process alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
