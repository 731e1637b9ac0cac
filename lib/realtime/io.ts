import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { cookieValue, tokenCookie } from "../http/access.ts";
import { mayRead } from "../runtime/grants.ts";
import { SubscribeSchema, type ClientToServerEvents, type ServerToClientEvents, type SubscribeAck } from "../schemas/events.ts";
import { findBin } from "../store/bins.ts";
import { onChange } from "../store/changes.ts";
import { database } from "../store/db.ts";
import { broadcast } from "./broadcast.ts";
import { room, shareCaptures, type LiveServer } from "./share.ts";

/** The live stream: Socket.IO on the app's port, one room per bin, fed by the store's change feed. */

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Attaches the process's one Socket.IO server to the HTTP server and subscribes it to the change feed. */
export async function attachRealtime(httpServer: HttpServer): Promise<LiveServer> {
  const io: LiveServer = new Server(httpServer, { serveClient: false, cors: { origin: false } });
  const store = await database();
  await store.shareLive(io);
  const shared = store.shared;
  io.on("connection", (socket) => {
    socket.on("bin:subscribe", (payload, ack) => void subscribe(socket, payload, answerer(ack)));
    socket.on("bin:unsubscribe", (payload, ack) => {
      const parsed = SubscribeSchema.safeParse(payload);
      if (!parsed.success) return answerer(ack)({ ok: false, error: "invalid_request" });
      void socket.leave(room(parsed.data.binId));
      answerer(ack)({ ok: true });
    });
  });
  const share = shared ? shareCaptures(io) : undefined;
  onChange((change) => broadcast(io, change, share));
  return io;
}

// Clients may leave the ack out; a payload from the wire is unknown until parsed.
const answerer = (ack: unknown) => (typeof ack === "function" ? (ack as (answer: SubscribeAck) => void) : () => {});

async function subscribe(socket: LiveSocket, payload: unknown, ack: (answer: SubscribeAck) => void) {
  const parsed = SubscribeSchema.safeParse(payload);
  if (!parsed.success) return ack({ ok: false, error: "invalid_request" });
  try {
    const bin = await findBin(parsed.data.binId);
    if (!bin) return ack({ ok: false, error: "bin_not_found" });
    const token = parsed.data.token ?? cookieValue(socket.handshake.headers.cookie, tokenCookie(bin.id));
    if (!mayRead(bin, [token])) return ack({ ok: false, error: "unauthorized" });
    await socket.join(room(bin.id));
    ack({ ok: true });
  } catch {
    ack({ ok: false, error: "internal_error" });
  }
}
