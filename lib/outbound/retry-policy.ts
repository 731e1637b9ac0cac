import type { Outcome } from "./sender.ts";

/**
 * When a failed auto-forward is tried again: no connection, no answer in time, a 5xx or a 429 — the
 * failures a target gets over by itself — after 1, 2, 4, 8, 16… s, or after a 429's Retry-After.
 * A 4xx other than 429 says the request itself is wrong: sending it again would change nothing.
 */

const MAX_RETRY_AFTER_MS = 60_000;

export function worthRetrying(outcome: Outcome): boolean {
  if (!outcome.ok) return outcome.error.code === "target_unreachable" || outcome.error.code === "target_timeout";
  return outcome.response.status >= 500 || outcome.response.status === 429;
}

/** How long to wait after try `done` (1 for the first) before the next one. */
export function retryDelayMs(done: number, outcome: Outcome, now = Date.now()): number {
  const backoff = 1000 * 2 ** (done - 1);
  if (!outcome.ok || outcome.response.status !== 429) return backoff;
  const asked = retryAfterMs(outcome.response.headers, now);
  return asked === null ? backoff : Math.min(asked, MAX_RETRY_AFTER_MS);
}

/** A Retry-After header as milliseconds from `now`: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: [string, string][], now: number): number | null {
  const value = headers.find(([name]) => name.toLowerCase() === "retry-after")?.[1].trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(at - now, 0);
}
