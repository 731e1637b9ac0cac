import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import { cookieValue, tokenCookie, tokenMatches } from "./access.ts";
import { config } from "./config.ts";
import { kind } from "./db.ts";
import type { AttemptView, CaptureSummary } from "./schemas/capture.ts";
import { findBin, onPruned } from "./store.ts";

/** Live stream of a bin's captures: one Socket.IO room per bin. */

const SubscribeSchema = z.object({ binId: z.string().min(1).max(64), token: z.string().max(200).optional() });
type Ack = (answer: { ok: true } | { ok: false; error: string }) => void;

// Route handlers run in Next's bundle, a separate module instance: they reach the server's io here.
const shared = globalThis as typeof globalThis & { __hookjarIo?: Server };

const room = (binId: string) => `bin:${binId}`;

export async function attachRealtime(httpServer: HttpServer): Promise<Server> {
  const io = new Server(httpServer, { serveClient: false, cors: { origin: false } });
  if (kind === "postgresql") await shareThroughPostgres(io);
  io.on("connection", (socket) => {
    socket.on("bin:subscribe", (payload: unknown, ack?: Ack) => subscribe(socket, payload, ack ?? noop));
    socket.on("bin:unsubscribe", (payload: unknown, ack?: Ack) => {
      const parsed = SubscribeSchema.safeParse(payload);
      if (!parsed.success) return (ack ?? noop)({ ok: false, error: "invalid_request" });
      void socket.leave(room(parsed.data.binId));
      (ack ?? noop)({ ok: true });
    });
  });
  shared.__hookjarIo = io;
  onPruned((binId, ids) => ids.forEach((id) => announceDeleted(binId, id)));
  return io;
}

/** Several instances on one PostgreSQL database: each one's events reach every instance's sockets. */
async function shareThroughPostgres(io: Server) {
  const [{ default: pg }, { createAdapter }] = await Promise.all([import("pg"), import("@socket.io/postgres-adapter")]);
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 });
  // A dropped connection (a restart, a failover) must not crash the process: pg reconnects.
  const log = (error: Error) => console.error("PostgreSQL (live events):", error.message);
  pool.on("error", log);
  pool.on("connect", (client) => client.on("error", log));
  // Events larger than NOTIFY's payload limit travel through this table (the adapter's own layout).
  await pool.query(`CREATE TABLE IF NOT EXISTS socket_io_attachments (
    id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);
  io.adapter(createAdapter(pool, { errorHandler: log }));
}

async function subscribe(socket: Socket, payload: unknown, ack: Ack) {
  const parsed = SubscribeSchema.safeParse(payload);
  if (!parsed.success) return ack({ ok: false, error: "invalid_request" });
  try {
    const bin = await findBin(parsed.data.binId);
    if (!bin) return ack({ ok: false, error: "bin_not_found" });
    const token = parsed.data.token ?? cookieValue(socket.handshake.headers.cookie, tokenCookie(bin.id));
    if (!tokenMatches(bin, token)) return ack({ ok: false, error: "unauthorized" });
    await socket.join(room(bin.id));
    ack({ ok: true });
  } catch {
    ack({ ok: false, error: "internal_error" });
  }
}

function noop() {}

function emit(binId: string, event: string, payload: unknown) {
  shared.__hookjarIo?.to(room(binId)).emit(event, payload);
}

export const announceCapture = (capture: CaptureSummary) => emit(capture.binId, "capture:new", capture);
export const announceDeleted = (binId: string, id: string) => emit(binId, "capture:deleted", { binId, id });
export const announceAttempt = (binId: string, id: string, attempt: AttemptView) =>
  emit(binId, "capture:attempt", { binId, id, attempt });
export const announceCleared = (binId: string) => emit(binId, "bin:cleared", { binId });
