import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints on a thread of their own. SQLite copies the write-ahead log back into the database
 * file on the connection that commits (every 1,000 pages by default): under a flood of captures that
 * is about a third of each write's cost, and its fsyncs would hold up every batch queued behind it.
 * Every connection to the file turns that off (wal_autocheckpoint = 0), and this thread's connection
 * checkpoints instead, PASSIVE, so it never waits for or blocks a writer. It copies pages, not rows.
 */

// How often the worker looks at the log: small enough that the log stays a few MB under a flood.
const EVERY_MS = 200;

// A worker from a string: it needs no file of its own in the build. It has better-sqlite3 alone.
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 5000 });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage(String(error && error.message));
  }
}, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class Checkpointer {
  private readonly worker: Worker;

  constructor(file: string, onError: (message: string) => void) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(SOURCE, { eval: true, workerData: { driver, file, everyMs: EVERY_MS } });
    this.worker.on("message", onError);
    this.worker.on("error", (error) => onError(error.message));
    // It must not keep a stopping process alive.
    this.worker.unref();
  }

  /** Stops checkpointing; the last connection to close checkpoints what is left. */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once("exit", resolve));
    // Unreferenced, it would not keep the process alive long enough to be waited for.
    this.worker.ref();
    this.worker.postMessage("stop");
    await exited;
  }
}
