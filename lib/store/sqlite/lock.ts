import { closeSync, openSync, readFileSync, unlinkSync, utimesSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";

/**
 * One server per SQLite file. The capture writer numbers captures and marks repeat deliveries on the
 * promise that it is the file's only writer; a second server on the same file would break both, so
 * it is refused at start. The lock is a file beside the database naming its holder's host and pid:
 * on the same host a holder that is gone (a crash, kill -9) leaves a lock the next start takes over;
 * a holder on another host (a second container on a shared volume) keeps touching it, and a lock
 * left untouched for STALE_MS is taken over.
 */

const TOUCH_MS = 5_000;
const STALE_MS = 4 * TOUCH_MS;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function heldByAnother(lock: string): string | null {
  let holder: string;
  try {
    holder = readFileSync(lock, "utf8").trim();
  } catch {
    return null;
  }
  const [host, pidText] = holder.split(" ");
  const pid = Number(pidText);
  if (host === hostname()) return pid !== process.pid && alive(pid) ? `pid ${pid}` : null;
  return Date.now() - statSync(lock).mtimeMs < STALE_MS ? `pid ${pid} on ${host}` : null;
}

/** Takes the lock on `file` or throws a one-line reason; it is given up when the process exits. */
export function lockDatabaseFile(file: string): void {
  const lock = `${file}.lock`;
  const me = `${hostname()} ${process.pid}`;
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, `${me}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = heldByAnother(lock);
      if (holder) {
        throw new Error(`${file} is in use by another Hookjar server (${holder}); one server per SQLite file — stop it, or use PostgreSQL to run several.`);
      }
      // Left behind by a server that is gone: take it over (another start may race us to it: try again).
      try {
        unlinkSync(lock);
      } catch {}
    }
  }
  const touch = setInterval(() => {
    try {
      utimesSync(lock, new Date(), new Date());
    } catch {}
  }, TOUCH_MS);
  touch.unref();
  process.once("exit", () => {
    try {
      if (readFileSync(lock, "utf8").trim() === me) unlinkSync(lock);
    } catch {}
  });
}
