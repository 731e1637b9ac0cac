import type { HeaderPairs } from "../schemas/common.ts";

/** Header pairs: the ordered, case-keeping form Hookjar stores and sends. */

/** Pairs Node's flat `rawHeaders` (name, value, name, value…) in order. */
export function headerPairs(rawHeaders: string[]): HeaderPairs {
  const pairs: HeaderPairs = [];
  for (let i = 0; i < rawHeaders.length; i += 2) pairs.push([rawHeaders[i], rawHeaders[i + 1]]);
  return pairs;
}

export function hasHeader(headers: HeaderPairs, name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([n]) => n.toLowerCase() === lower);
}

// RFC 9110 §7.6.1: these describe one connection, not the message, so a replay must not copy them.
// Host is here too because it names the original server; the replay's transport sets its own.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "te", "upgrade", "trailer", "host"]);

/** The headers a replay sends on: all but hop-by-hop ones, Proxy-*, and any the Connection header names. */
export function withoutHopByHop(headers: HeaderPairs): HeaderPairs {
  const named = new Set(
    headers
      .filter(([n]) => n.toLowerCase() === "connection")
      .flatMap(([, v]) => v.split(",").map((t) => t.trim().toLowerCase())),
  );
  return headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return !HOP_BY_HOP.has(lower) && !lower.startsWith("proxy-") && !named.has(lower);
  });
}

/**
 * The content codings of a message, in the order they were applied (`identity` left out), or
 * null when it has none. Several headers add up, as RFC 9110 §5.3 combines repeated fields.
 */
export function contentCodings(headers: HeaderPairs): string[] | null {
  const codings = headers
    .filter(([n]) => n.toLowerCase() === "content-encoding")
    .flatMap(([, v]) => v.split(","))
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== "identity");
  return codings.length ? codings : null;
}
