import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqlitePath } from "./config.ts";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../prisma/migrations");

// Prisma's own bookkeeping table, so `prisma migrate status` agrees with this runner.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Applies pending migrations from prisma/migrations through the app's own driver: Prisma's
 * migrate CLI needs a native engine download that offline machines cannot make.
 */
export function migrate(databaseUrl: string, dir = MIGRATIONS_DIR): string[] {
  const file = sqlitePath(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
    // Prisma's table-redefining SQL drops and recreates tables; with foreign keys on, that DROP
    // would cascade into child rows (the PRAGMA in its SQL has no effect inside a transaction).
    sqlite.pragma("foreign_keys = OFF");
    sqlite.exec(CREATE_MIGRATIONS_TABLE);
    const applied = [];
    for (const name of migrationNames(dir)) {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      // IMMEDIATE takes the write lock first, so two servers starting together apply each migration once.
      const ran = sqlite.transaction(() => {
        const done = sqlite
          .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
          .get(name);
        if (done) return false;
        const startedAt = Date.now();
        sqlite.exec(sql);
        const broken = sqlite.pragma("foreign_key_check") as unknown[];
        if (broken.length) throw new Error(`${name} leaves ${broken.length} rows violating foreign keys`);
        sqlite
          .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`)
          .run(randomUUID(), createHash("sha256").update(sql).digest("hex"), Date.now(), name, startedAt);
        return true;
      }).immediate();
      if (ran) applied.push(name);
    }
    return applied;
  } finally {
    sqlite.close();
  }
}

function migrationNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}
