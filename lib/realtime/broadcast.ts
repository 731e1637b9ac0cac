import type { CaptureSummary } from "../schemas/capture.ts";
import type { StoreChange } from "../store/changes.ts";
import { emitCaptureHere, room, type LiveServer } from "./share.ts";

function binOf(change: StoreChange): string {
  if (change.type === "capture:stored") return change.capture.binId;
  if (change.type === "refusal:updated") return change.refusal.binId;
  if (change.type === "replay:progress") return change.progress.binId;
  if (change.type === "replay:done") return change.done.binId;
  return change.binId;
}

/**
 * The one place that emits live events: each store change becomes the event(s) docs/events.md names, in its
 * bin's room. Socket.IO encodes an event before it looks for receivers, so a change in a room nobody
 * here watches is dropped first, unless other instances share the rooms (PostgreSQL): then `share`
 * carries new captures to them in batches (share.ts), and the rarer changes go through the adapter.
 */
export function broadcast(io: LiveServer, change: StoreChange, share?: (capture: CaptureSummary) => void): void {
  if (change.type === "capture:stored") {
    emitCaptureHere(io, change.capture);
    return share?.(change.capture);
  }
  const binRoom = room(binOf(change));
  if (!share && !io.sockets.adapter.rooms.has(binRoom)) return;
  const to = io.to(binRoom);
  switch (change.type) {
    case "captures:deleted":
      for (const id of change.ids) to.emit("capture:deleted", { binId: change.binId, id });
      return;
    case "bin:cleared":
      return void to.emit("bin:cleared", { binId: change.binId });
    case "bin:deleted":
      to.emit("bin:deleted", { binId: change.binId });
      // Nobody may follow a bin that is gone; a new bin never reuses its id, so the room just empties.
      return void io.in(room(change.binId)).socketsLeave(room(change.binId));
    case "bin:access":
      // Subscriptions were granted under the old rule: everyone subscribes again under the new one.
      to.emit("bin:access", { binId: change.binId, private: change.private });
      return void io.in(binRoom).socketsLeave(binRoom);
    case "attempt:recorded":
      return void to.emit("capture:attempt", { binId: change.binId, id: change.captureId, attempt: change.attempt });
    case "refusal:updated":
      return void to.emit("refusal:updated", change.refusal);
    case "replay:progress":
      return void to.emit("replay:progress", change.progress);
    case "replay:done":
      return void to.emit("replay:done", change.done);
  }
}
