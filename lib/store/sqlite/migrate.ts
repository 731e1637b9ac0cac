import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { APPLIED, MIGRATIONS_ROOT, readMigrations, verifyApplied, type Applied } from "../migrations.ts";

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Applies what is pending in `root`/migrations to the SQLite file. */
export function migrateSqlite(file: string, root = MIGRATIONS_ROOT): string[] {
  const dir = path.join(root, "migrations");
  const migrations = readMigrations(dir);
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
    // Prisma's table-redefining SQL drops and recreates tables; with foreign keys on, that DROP
    // would cascade into child rows (the PRAGMA in its SQL has no effect inside a transaction).
    sqlite.pragma("foreign_keys = OFF");
    sqlite.exec(SQLITE_TABLE);
    verifyApplied(migrations, sqlite.prepare(APPLIED).all() as Applied[], dir);
    const applied = [];
    for (const m of migrations) {
      // IMMEDIATE takes the write lock first, so two servers starting together apply each migration once.
      const ran = sqlite.transaction(() => {
        const done = sqlite
          .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
          .get(m.name);
        if (done) return false;
        const startedAt = Date.now();
        sqlite.exec(m.sql);
        const broken = sqlite.pragma("foreign_key_check") as unknown[];
        if (broken.length) throw new Error(`${m.name} leaves ${broken.length} rows violating foreign keys`);
        sqlite
          .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`)
          .run(randomUUID(), m.checksum, Date.now(), m.name, startedAt);
        return true;
      }).immediate();
      if (ran) applied.push(m.name);
    }
    return applied;
  } finally {
    sqlite.close();
  }
}
