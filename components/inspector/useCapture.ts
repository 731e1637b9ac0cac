"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { fetchCapture } from "./api.ts";

export type Loaded = { status: "loading" } | { status: "missing" } | { status: "error"; message: string } | { status: "ok"; capture: CaptureView };

// Recently opened captures stay in memory so moving back and forth with j/k is instant.
const CACHE_SIZE = 50;
const LOADING: Loaded = { status: "loading" };

/** The full capture for `id`, loaded from the API; `cached` gives loaded ones to other actions. */
export function useCapture(binId: string, id: string | null) {
  const cache = useRef(new Map<string, CaptureView>());
  const [result, setResult] = useState<{ id: string; loaded: Loaded } | null>(null);
  const [version, setVersion] = useState(0);
  // Bumped by a reload of the shown capture: a fetch begun before it may have read the capture as it
  // was before the change, and must neither be shown nor cached (the reload's own fetch would then
  // find that stale copy in the cache and stop there).
  const generation = useRef(0);

  useEffect(() => {
    if (!id) return;
    const hit = cache.current.get(id);
    if (hit) {
      setResult({ id, loaded: { status: "ok", capture: hit } });
      return;
    }
    const abort = new AbortController();
    const started = generation.current;
    fetchCapture(binId, id, abort.signal).then(
      (capture) => {
        if (abort.signal.aborted || generation.current !== started) return;
        if (!capture) return setResult({ id, loaded: { status: "missing" } });
        cache.current.set(id, capture);
        if (cache.current.size > CACHE_SIZE) cache.current.delete(cache.current.keys().next().value!);
        setResult({ id, loaded: { status: "ok", capture } });
      },
      (error: Error) => {
        if (!abort.signal.aborted) setResult({ id, loaded: { status: "error", message: error.message } });
      },
    );
    return () => abort.abort();
  }, [binId, id, version]);

  // Drops a capture that changed on the server (an attempt was recorded), reloading it if shown.
  const reload = useCallback(
    (captureId: string) => {
      cache.current.delete(captureId);
      if (captureId !== id) return;
      generation.current++;
      setVersion((v) => v + 1);
    },
    [id],
  );

  return {
    loaded: result && result.id === id ? result.loaded : LOADING,
    cached: (captureId: string) => cache.current.get(captureId) ?? null,
    reload,
  };
}
