import { describe, expect, it } from "vitest";
import { forwardOutcomeOf } from "./capture.ts";

const attempt = (status: number | null, error: string | null) => ({ status, error, url: "http://127.0.0.1:1/x", createdAt: "2026-01-01T00:00:00.000Z" });

describe("forwardOutcomeOf", () => {
  it("counts a forward as ok when the target answered below 400", () => {
    expect(forwardOutcomeOf(attempt(200, null))).toEqual({ ok: true, status: 200, error: null, url: "http://127.0.0.1:1/x", at: "2026-01-01T00:00:00.000Z" });
    expect(forwardOutcomeOf(attempt(302, null)).ok).toBe(true);
  });

  it("counts an error status, no answer, or a forward not sent as failed", () => {
    expect(forwardOutcomeOf(attempt(500, null)).ok).toBe(false);
    expect(forwardOutcomeOf(attempt(404, null)).ok).toBe(false);
    expect(forwardOutcomeOf(attempt(null, "connect ECONNREFUSED 127.0.0.1:1")).ok).toBe(false);
    expect(forwardOutcomeOf(attempt(null, "Not forwarded: the server is stopping.")).ok).toBe(false);
  });
});
