import { describe, expect, it } from "vitest";
import { AppError } from "../runtime/errors.ts";
import { retryAfterMs, retryDelayMs, worthRetrying } from "./retry-policy.ts";
import type { Outcome } from "./sender.ts";

const answered = (status: number, headers: [string, string][] = []): Outcome => ({
  ok: true,
  durationMs: 1,
  response: { status, statusText: "", headers, body: Buffer.alloc(0), truncated: false, durationMs: 1 },
});
const failed = (code: "target_unreachable" | "target_timeout" | "target_blocked"): Outcome => ({ ok: false, durationMs: 1, error: new AppError(code, "x") });

describe("forward retry policy", () => {
  it("retries what a target gets over by itself, and nothing else", () => {
    expect([500, 502, 503, 504, 429].map((s) => worthRetrying(answered(s)))).toEqual([true, true, true, true, true]);
    expect([200, 201, 302, 400, 404, 410].map((s) => worthRetrying(answered(s)))).toEqual([false, false, false, false, false, false]);
    expect(worthRetrying(failed("target_unreachable"))).toBe(true);
    expect(worthRetrying(failed("target_timeout"))).toBe(true);
    expect(worthRetrying(failed("target_blocked"))).toBe(false);
  });

  it("backs off 1, 2, 4, 8, 16 s", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, answered(503)))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it("waits as long as a 429's Retry-After asks, up to a minute", () => {
    expect(retryDelayMs(1, answered(429, [["Retry-After", "2"]]))).toBe(2000);
    expect(retryDelayMs(1, answered(429, [["retry-after", "3600"]]))).toBe(60_000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs([["Retry-After", "Thu, 01 Jan 2026 00:00:05 GMT"]], now)).toBe(5000);
    expect(retryDelayMs(2, answered(429, [["Retry-After", "soon"]]))).toBe(2000);
    // Only a 429 is asked for its Retry-After; a 503's backs off as usual.
    expect(retryDelayMs(1, answered(503, [["Retry-After", "30"]]))).toBe(1000);
  });
});
