import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints on a thread of their own. SQLite copies the write-ahead log back into the database
 * file on the connection that commits (every 1,000 pages by default): under a flood of captures that
 * is about a third of each write's cost, and its fsyncs would hold up every batch queued behind it.
 * Every connection to the file turns that off (wal_autocheckpoint = 0), and this thread's connection
 * checkpoints instead: PASSIVE, which never waits for or blocks a writer. It copies pages, not rows.
 *
 * The log starts over only when a write begins with all of it copied back. Under a steady flood a
 * checkpoint here never sees that: batches commit while it copies (about 10 ms, an fsync). Once the
 * log has passed 16 MB it asks the writer thread (writer-thread.ts), through `logFull`, to checkpoint
 * between two batches, which copies the few pages committed since and lets the next batch start the
 * log over. A blocking checkpoint (TRUNCATE) did the same from here, but held up the writer thread
 * for 15–35 ms each time, SQLite's busy handler sleeping in steps: it made the tail of capture latency.
 */

// How often the worker looks at the log, and how long it lets it grow (in 4 KiB pages) before asking for a start over.
const EVERY_MS = 200;
const FULL_FRAMES = 4096;

// A worker from a string: it needs no file of its own in the build. It has better-sqlite3 alone.
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 5000 });
const logFull = new Int32Array(workerData.logFull);
const timer = setInterval(() => {
  try {
    const [{ log }] = db.pragma("wal_checkpoint(PASSIVE)");
    if (log > workerData.fullFrames) Atomics.store(logFull, 0, 1);
  } catch (error) {
    // Reported once: the server hands checkpoints back to SQLite.
    clearInterval(timer);
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
  private exited = false;

  constructor(file: string, logFull: SharedArrayBuffer, onError: (message: string) => void) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(SOURCE, { eval: true, workerData: { driver, file, logFull, everyMs: EVERY_MS, fullFrames: FULL_FRAMES } });
    this.worker.on("message", onError);
    this.worker.on("error", (error) => onError(error.message));
    this.worker.once("exit", () => (this.exited = true));
    // It must not keep a stopping process alive.
    this.worker.unref();
  }

  /** Stops checkpointing; the last connection to close checkpoints what is left. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.worker.once("exit", resolve));
    // Unreferenced, it would not keep the process alive long enough to be waited for.
    this.worker.ref();
    this.worker.postMessage("stop");
    await exited;
  }
}
