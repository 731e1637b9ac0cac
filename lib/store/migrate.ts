import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { appRoot } from "../runtime/app-root.ts";
import { databaseKind, sqlitePath } from "../runtime/config.ts";

/**
 * Applies pending migrations from prisma/migrations (SQLite) or prisma/postgres/migrations through
 * the app's own drivers, recording them in Prisma's `_prisma_migrations` table so `prisma migrate
 * status` agrees: Prisma's migrate CLI needs a native engine download that offline machines cannot make.
 */

const ROOT = path.join(appRoot(), "prisma");
// Prisma's own advisory lock id: instances starting together (or Prisma's CLI) apply each migration once.
const PRISMA_LOCK_ID = 72707369;

type Migration = { name: string; sql: string; checksum: string };
type Applied = { migration_name: string; checksum: string };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Refuses to run on a database whose applied migrations no longer match their files: an edited
 * migration would never run again, so the schema the code expects and the one the database has
 * would silently differ. Like Prisma, a file differing only in line endings still matches.
 */
function verifyApplied(migrations: Migration[], applied: Applied[], dir: string): void {
  const files = new Map(migrations.map((m) => [m.name, m]));
  for (const row of applied) {
    const file = files.get(row.migration_name);
    if (!file || row.checksum === file.checksum || row.checksum === sha256(file.sql.replace(/\r\n/g, "\n"))) continue;
    throw new Error(
      `Migration ${row.migration_name} was edited after it was applied to this database ` +
        `(${path.join(dir, row.migration_name, "migration.sql")}: checksum ${file.checksum.slice(0, 12)}…, applied ${row.checksum.slice(0, 12)}…). ` +
        "Restore the file as it was applied, and put schema changes in a new migration (npm run db:diff -- <name>).",
    );
  }
}

const APPLIED = `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** Applies what is pending; `root` is the folder holding `migrations/` and `postgres/migrations/`. */
export async function migrate(databaseUrl: string, root = ROOT): Promise<string[]> {
  if (databaseKind(databaseUrl) === "postgresql") return migratePostgres(databaseUrl, path.join(root, "postgres/migrations"));
  return migrateSqlite(databaseUrl, path.join(root, "migrations"));
}

function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: sha256(sql) };
    });
}

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

function migrateSqlite(databaseUrl: string, dir: string): string[] {
  const migrations = readMigrations(dir);
  const file = sqlitePath(databaseUrl);
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

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

async function migratePostgres(databaseUrl: string, dir: string): Promise<string[]> {
  const migrations = readMigrations(dir);
  const { Client } = (await import("pg")).default;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_LOCK_ID]);
    await client.query(POSTGRES_TABLE);
    verifyApplied(migrations, (await client.query<Applied>(APPLIED)).rows, dir);
    const applied = [];
    for (const m of migrations) {
      const done = await client.query(
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [m.name],
      );
      if (done.rowCount) continue;
      await client.query("BEGIN");
      try {
        const startedAt = new Date();
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), m.checksum, m.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.end();
  }
}
