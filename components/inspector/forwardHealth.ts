"use client";

import { createContext, useContext, useEffect, useState } from "react";
import { forwardOutcomeOf, type ForwardOutcome } from "@/lib/schemas/capture.ts";
import type { CaptureAttemptEvent } from "@/lib/schemas/events.ts";
import type { LiveSocket } from "./useLiveBin.ts";

/**
 * How auto-forwarding goes, live: the bin's latest forward (for the "Forwarding →" control) and
 * each capture's latest one as it is recorded (over what its list summary said when loaded).
 */
export type ForwardHealth = { last: ForwardOutcome | null; byCapture: ReadonlyMap<string, ForwardOutcome> };

export const ForwardHealthContext = createContext<ForwardHealth>({ last: null, byCapture: new Map() });

export const useForwardHealthContext = () => useContext(ForwardHealthContext);

/** Follows the bin's forward attempts (`capture:attempt` of kind forward) from `initial`, the bin's latest when the page loaded. */
export function useForwardHealth(binId: string, initial: ForwardOutcome | null, socket: LiveSocket | null): ForwardHealth {
  const [health, setHealth] = useState<ForwardHealth>({ last: initial, byCapture: new Map() });
  useEffect(() => {
    if (!socket) return;
    const attempted = (event: CaptureAttemptEvent) => {
      if (event.binId !== binId || event.attempt.kind !== "forward") return;
      const outcome = forwardOutcomeOf(event.attempt);
      setHealth(({ last, byCapture }) => ({
        last: last && last.at > outcome.at ? last : outcome,
        // A bin holds at most MAX_CAPTURES_PER_BIN captures; a long session's older entries may go.
        byCapture: new Map(byCapture.size > 5000 ? [] : byCapture).set(event.id, outcome),
      }));
    };
    socket.on("capture:attempt", attempted);
    return () => void socket.off("capture:attempt", attempted);
  }, [socket, binId]);
  return health;
}
