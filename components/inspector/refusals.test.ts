import { describe, expect, it } from "vitest";
import type { RefusalView } from "@/lib/schemas/refusal.ts";
import { REFUSALS_PER_BIN } from "@/lib/schemas/refusal.ts";
import { mergeRefusals } from "./refusals.ts";

const row = (id: string, count: number, lastAt: string): RefusalView => ({
  id, binId: "b", reason: "rate_limited", status: 429, minute: "2026-01-01T00:00:00.000Z", count,
  method: "POST", path: "/", bodySize: null, firstAt: "2026-01-01T00:00:00.000Z", lastAt,
});

describe("mergeRefusals", () => {
  it("adds new rows and keeps them newest first", () => {
    const merged = mergeRefusals([row("a", 1, "2026-01-01T00:00:01.000Z")], [row("b", 3, "2026-01-01T00:01:05.000Z")]);
    expect(merged.map((r) => [r.id, r.count])).toEqual([["b", 3], ["a", 1]]);
  });

  it("keeps the copy of a row with the higher count, whichever arrives last", () => {
    const later = row("a", 10, "2026-01-01T00:00:09.000Z");
    const earlier = row("a", 4, "2026-01-01T00:00:04.000Z");
    expect(mergeRefusals([earlier], [later])).toEqual([later]);
    expect(mergeRefusals([later], [earlier])).toEqual([later]);
  });

  it("keeps at most as many rows as the server does", () => {
    const many = Array.from({ length: REFUSALS_PER_BIN + 5 }, (_, i) => row(`r${String(i).padStart(3, "0")}`, 1, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()));
    const merged = mergeRefusals([], many);
    expect(merged).toHaveLength(REFUSALS_PER_BIN);
    expect(merged[0].id).toBe(`r${String(REFUSALS_PER_BIN + 4).padStart(3, "0")}`);
  });
});
