"use client";

import { useEffect, useState } from "react";

/** The current time, refreshed every `ms`, for relative times that keep counting. */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
