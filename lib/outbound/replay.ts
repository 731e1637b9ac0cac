import { withoutHopByHop } from "../wire/headers.ts";
import type { OutboundRequest } from "./sender.ts";
import type { HeaderPairs } from "../schemas/common.ts";

/** Replaying a capture somewhere else (auto-forward, relay): as sent, under another base URL. */

export type Replayable = { method: string; path: string; query: string; headers: HeaderPairs; body: Uint8Array };

/**
 * The base URL with the capture's sub-path appended and its query added, both as on the wire:
 * `/b/{bin}/github/push?x=1` replayed to `http://localhost:8080/hooks` goes to
 * `http://localhost:8080/hooks/github/push?x=1`.
 */
export function replayUrl(base: string, path: string, query: string): string {
  const url = new URL(base);
  const pathname = path === "/" ? url.pathname : url.pathname.replace(/\/$/, "") + path;
  const search = [url.search.slice(1), query].filter(Boolean).join("&");
  return `${url.origin}${pathname}${search ? `?${search}` : ""}`;
}

export function replayRequest(
  capture: Replayable,
  base: string,
  options: { timeoutMs: number; allowPrivate: boolean },
): OutboundRequest {
  return {
    method: capture.method,
    url: replayUrl(base, capture.path, capture.query),
    headers: withoutHopByHop(capture.headers),
    body: capture.body,
    ...options,
  };
}
