"use client";

import { useEffect, useRef } from "react";
import { alertNewCaptures } from "./alerts.ts";

/** Alerts when the bin's total grows (captures arrived); a shrinking total (deletes, clears) is silent. */
export function useCaptureAlerts(total: number, bin: string) {
  const last = useRef(total);
  useEffect(() => {
    alertNewCaptures(bin, total - last.current);
    last.current = total;
  }, [total, bin]);
}
