import type { Server } from "socket.io";

const ATTACHMENTS_LOCK_ID = 72707370;

/** Several instances on one PostgreSQL database: each one's events reach every instance's sockets. */
export async function shareThroughPostgres(io: Server, connectionString: string): Promise<void> {
  const [{ default: pg }, { createAdapter }] = await Promise.all([import("pg"), import("@socket.io/postgres-adapter")]);
  const pool = new pg.Pool({ connectionString, max: 4 });
  // A dropped connection (a restart, a failover) must not crash the process: pg reconnects.
  const log = (error: Error) => console.error("PostgreSQL (live events):", error.message);
  pool.on("error", log);
  pool.on("connect", (client) => client.on("error", log));
  // Events larger than NOTIFY's payload limit travel through this table (the adapter's own layout).
  // CREATE TABLE IF NOT EXISTS is not safe against itself: instances starting together take turns.
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ATTACHMENTS_LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS socket_io_attachments (
      id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ATTACHMENTS_LOCK_ID]).catch(() => {});
    client.release();
  }
  io.adapter(createAdapter(pool, { errorHandler: log }));
}
