import { describe, expect, it } from "vitest";
import { localTimestamp, timeAgo } from "./time.ts";

describe("timeAgo", () => {
  const at = Date.parse("2026-01-02T00:00:00.000Z");
  it("counts seconds, minutes, hours and days", () => {
    expect(timeAgo("2026-01-02T00:00:00.000Z", at + 2000)).toBe("just now");
    expect(timeAgo("2026-01-02T00:00:00.000Z", at + 42_000)).toBe("42s ago");
    expect(timeAgo("2026-01-02T00:00:00.000Z", at + 5 * 60_000)).toBe("5m ago");
    expect(timeAgo("2026-01-02T00:00:00.000Z", at + 3 * 3_600_000)).toBe("3h ago");
    expect(timeAgo("2026-01-02T00:00:00.000Z", at + 49 * 3_600_000)).toBe("2d ago");
  });
});

describe("localTimestamp", () => {
  it("keeps milliseconds", () => {
    expect(localTimestamp("2026-01-02T03:04:05.067Z")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:05\.067$/);
  });
});
