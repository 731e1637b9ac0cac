import type { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../schemas/events.ts";
import type { StoreChange } from "../store/changes.ts";

/** Each bin's subscribers share one room. */
export const room = (binId: string) => `bin:${binId}`;

function binOf(change: StoreChange): string {
  if (change.type === "capture:stored") return change.capture.binId;
  if (change.type === "refusal:updated") return change.refusal.binId;
  return change.binId;
}

/**
 * The one place that emits live events: each store change becomes the event(s) SPEC.md names, in its
 * bin's room. Socket.IO encodes an event before it looks for receivers, so a change in a room nobody
 * here watches is dropped first, unless the rooms are `shared` with other instances (PostgreSQL).
 */
export function broadcast(io: Server<ClientToServerEvents, ServerToClientEvents>, change: StoreChange, shared: boolean): void {
  const binRoom = room(binOf(change));
  if (!shared && !io.sockets.adapter.rooms.has(binRoom)) return;
  const to = io.to(binRoom);
  switch (change.type) {
    case "capture:stored":
      return void to.emit("capture:new", change.capture);
    case "captures:deleted":
      for (const id of change.ids) to.emit("capture:deleted", { binId: change.binId, id });
      return;
    case "bin:cleared":
      return void to.emit("bin:cleared", { binId: change.binId });
    case "bin:deleted":
      to.emit("bin:deleted", { binId: change.binId });
      // Nobody may follow a bin that is gone; a new bin never reuses its id, so the room just empties.
      return void io.in(room(change.binId)).socketsLeave(room(change.binId));
    case "attempt:recorded":
      return void to.emit("capture:attempt", { binId: change.binId, id: change.captureId, attempt: change.attempt });
    case "refusal:updated":
      return void to.emit("refusal:updated", change.refusal);
  }
}
