import type { AttemptView, CaptureSummary } from "../schemas/capture.ts";
import type { RefusalView } from "../schemas/refusal.ts";
import type { ReplayDoneEvent, ReplayProgressEvent } from "../schemas/replay.ts";

/**
 * The change feed: every change the store makes is reported here, once, after it is committed.
 * Realtime subscribes and turns changes into Socket.IO events; nothing else announces anything.
 */

export type StoreChange =
  | { type: "capture:stored"; capture: CaptureSummary }
  /** Captures removed by a user, pruned to the bin's cap, or swept by retention. */
  | { type: "captures:deleted"; binId: string; ids: string[]; reason: "user" | "cap" | "retention" }
  | { type: "bin:cleared"; binId: string }
  | { type: "bin:deleted"; binId: string }
  | { type: "bin:access"; binId: string; private: boolean }
  | { type: "attempt:recorded"; binId: string; captureId: string; attempt: AttemptView }
  /** A bin's aggregate of refused requests for one reason and minute, as now written. */
  | { type: "refusal:updated"; refusal: RefusalView }
  /** A replay's send ended; the counts are its runner's. */
  | { type: "replay:progress"; progress: ReplayProgressEvent }
  | { type: "replay:done"; done: ReplayDoneEvent };

export type ChangeListener = (change: StoreChange) => void;

const listeners = new Set<ChangeListener>();

/** Calls `listener` with every change from now on; returns a function that stops it. */
export function onChange(listener: ChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For the store's own modules: report a committed change. A failing listener never fails the store. */
export function reportChange(change: StoreChange): void {
  for (const listener of listeners) {
    try {
      listener(change);
    } catch (error) {
      console.error(`change listener failed on ${change.type}`, error);
    }
  }
}
