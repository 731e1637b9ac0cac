import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { appRoot } from "../runtime/app-root.ts";

/**
 * What both databases' migration runners share. Each applies its pending migrations (prisma/migrations
 * for SQLite, prisma/postgres/migrations for PostgreSQL) through the app's own driver and records them
 * in Prisma's `_prisma_migrations` table, so `prisma migrate status` agrees: Prisma's migrate CLI needs
 * a native engine download that offline machines cannot make.
 */

/** The folder holding `migrations/` (SQLite) and `postgres/migrations/`. */
export const MIGRATIONS_ROOT = path.join(appRoot(), "prisma");

export type Migration = { name: string; sql: string; checksum: string };
export type Applied = { migration_name: string; checksum: string };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Refuses to run on a database whose applied migrations no longer match their files: an edited
 * migration would never run again, so the schema the code expects and the one the database has
 * would silently differ. Like Prisma, a file differing only in line endings still matches.
 */
export function verifyApplied(migrations: Migration[], applied: Applied[], dir: string): void {
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

export const APPLIED = `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

export function readMigrations(dir: string): Migration[] {
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
