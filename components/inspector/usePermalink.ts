"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * The selected capture in the address bar: `/bins/{binId}/{captureId}`, so a capture can be shared
 * and reloaded, and the browser's back and forward move between the captures a user chose.
 */

const capturePath = (binId: string, captureId: string) => `/bins/${encodeURIComponent(binId)}/${encodeURIComponent(captureId)}`;

/** The capture a path names, or null for the bin's own `/bins/{binId}`. */
export function captureInPath(pathname: string, binId: string): string | null {
  const prefix = `/bins/${encodeURIComponent(binId)}/`;
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length);
  return rest && !rest.includes("/") ? decodeURIComponent(rest) : null;
}

/**
 * Keeps the address bar and the selection in step. A user's choice (returned `chose`, called with the
 * capture about to be selected) is a new history entry; once the address names a capture, a
 * selection that moves by itself (following new arrivals, its capture deleted) replaces it; back and
 * forward call `onNavigated` with the capture the address names (null for the bin alone).
 */
export function usePermalink(binId: string, selectedId: string | null, onNavigated: (captureId: string | null) => void): (captureId: string) => void {
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  const choosing = useRef(false);

  useEffect(() => {
    const push = choosing.current;
    choosing.current = false;
    const named = captureInPath(location.pathname, binId);
    if (!selectedId || selectedId === named) return;
    // Next.js keeps its router in step with these calls.
    const url = capturePath(binId, selectedId) + location.search + location.hash;
    if (push) history.pushState(null, "", url);
    else if (named) history.replaceState(null, "", url);
  }, [binId, selectedId]);

  const navigated = useRef(onNavigated);
  navigated.current = onNavigated;
  useEffect(() => {
    // The event itself, not a re-render: a quick back after a push may come before React saw the push.
    const onPop = () => navigated.current(captureInPath(location.pathname, binId));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, [binId]);

  // Choosing the capture already selected changes nothing, so it must not mark the next change as chosen.
  return useCallback((captureId: string) => void (choosing.current = captureId !== selectedRef.current), []);
}
