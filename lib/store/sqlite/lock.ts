import Database from "better-sqlite3";

/**
 * One server per SQLite file. The capture writer numbers captures and marks repeat deliveries on the
 * promise that it is the file's only writer; a second server on the same file would break both, so
 * it is refused at start. The lock is the operating system's: an exclusive SQLite lock on a small
 * file beside the database, held by a transaction that stays open for the life of the process. The
 * kernel lets it go when the process ends, however it ends (a crash, kill -9), and it holds across
 * containers sharing a volume. The database itself stays open to readers (backups, the sqlite3 shell).
 */

// Kept for the life of the process: closing it would let the lock go.
const held: Database.Database[] = [];

/** Takes the lock on `file` or throws a one-line reason. */
export function lockDatabaseFile(file: string): void {
  const lock = new Database(`${file}.lock`, { timeout: 0 });
  try {
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
    throw new Error(`${file} is in use by another Hookjar server; one server per SQLite file — stop it, or use PostgreSQL to run several.`);
  }
  held.push(lock);
}
