import { describe, expect, it } from "vitest";
import { replaySchedule } from "./replay-schedule.ts";

const at = (...ms: number[]) => ms.map((m) => new Date(Date.UTC(2026, 10, 24, 11, 30) + m));

describe("replaySchedule", () => {
  it("keeps the gaps the captures arrived with, from the first", () => {
    expect(replaySchedule(at(500, 500, 1700, 4500), "original", 1)).toEqual([0, 0, 1200, 4000]);
  });
  it("divides them by the speed", () => {
    expect(replaySchedule(at(0, 1000, 3000), "original", 4)).toEqual([0, 250, 750]);
    expect(replaySchedule(at(0, 100), "original", 0.5)).toEqual([0, 200]);
  });
  it("has no schedule without timing", () => {
    expect(replaySchedule(at(0, 1000, 3000), "none", 1)).toEqual([0, 0, 0]);
  });
});
