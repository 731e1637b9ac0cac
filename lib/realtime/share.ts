import type { Server } from "socket.io";
import type { CaptureSummary } from "../schemas/capture.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../schemas/events.ts";

/** What instances sharing one PostgreSQL database tell each other, besides the events they relay. */
export interface InterServerEvents {
  "captures:stored": (captures: CaptureSummary[]) => void;
}

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;

/** Each bin's subscribers share one room. */
export const room = (binId: string) => `bin:${binId}`;

/** `capture:new` to this instance's subscribers of the capture's bin, encoded only when there are some. */
export function emitCaptureHere(io: LiveServer, capture: CaptureSummary): void {
  const binRoom = room(capture.binId);
  if (io.sockets.adapter.rooms.has(binRoom)) io.local.to(binRoom).emit("capture:new", capture);
}

// Captures per message between instances: a few hundred summaries, well within what the adapter carries.
const CHUNK = 200;

/**
 * On PostgreSQL any instance may hold a bin's subscribers, so every new capture must reach every
 * instance; relayed one by one that is a NOTIFY per capture, which costs more than storing it. The
 * captures announced in one turn of the event loop (a committed batch) travel together instead.
 * Answers the function that shares one capture.
 */
export function shareCaptures(io: LiveServer): (capture: CaptureSummary) => void {
  io.on("captures:stored", (captures) => {
    for (const capture of captures) emitCaptureHere(io, capture);
  });
  let pending: CaptureSummary[] = [];
  return (capture) => {
    if (pending.push(capture) > 1) return;
    setImmediate(() => {
      const batch = pending;
      pending = [];
      for (let i = 0; i < batch.length; i += CHUNK) io.serverSideEmit("captures:stored", batch.slice(i, i + CHUNK));
    });
  };
}
