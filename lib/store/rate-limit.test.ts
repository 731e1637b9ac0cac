import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit.ts";

describe("RateLimiter", () => {
  it("allows a burst of the per-minute limit, then asks to wait until a token refills", () => {
    const limiter = new RateLimiter(6);
    const t0 = 1_000_000;
    for (let i = 0; i < 6; i++) expect(limiter.take("bin", t0)).toBe(0);
    expect(limiter.take("bin", t0)).toBe(10);
    expect(limiter.take("bin", t0 + 5_000)).toBe(5);
    expect(limiter.take("bin", t0 + 10_000)).toBe(0);
    expect(limiter.take("bin", t0 + 10_000)).toBeGreaterThan(0);
  });

  it("keeps bins apart and is off at 0", () => {
    const limiter = new RateLimiter(1);
    expect(limiter.take("a", 0)).toBe(0);
    expect(limiter.take("a", 0)).toBe(60);
    expect(limiter.take("b", 0)).toBe(0);
    const off = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) expect(off.take("a", 0)).toBe(0);
  });
});
