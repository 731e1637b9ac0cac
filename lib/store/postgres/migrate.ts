import { randomUUID } from "node:crypto";
import path from "node:path";
import { APPLIED, MIGRATIONS_ROOT, readMigrations, verifyApplied, type Applied } from "../migrations.ts";

// Prisma's own advisory lock id: instances starting together (or Prisma's CLI) apply each migration once.
const PRISMA_LOCK_ID = 72707369;

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

/** Applies what is pending in `root`/postgres/migrations, one instance at a time. */
export async function migratePostgres(databaseUrl: string, root = MIGRATIONS_ROOT): Promise<string[]> {
  const dir = path.join(root, "postgres", "migrations");
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
