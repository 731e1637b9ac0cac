import { describe, expect, it } from "vitest";
import { newBinId, newSortableId } from "./ids.ts";

describe("ids", () => {
  it("makes 22-char base62 bin ids that do not repeat", () => {
    const ids = new Set(Array.from({ length: 2000 }, newBinId));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{22}$/);
  });

  it("makes sortable ids in creation order, even within one millisecond", () => {
    const now = Date.now();
    const ids = Array.from({ length: 1000 }, () => newSortableId(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
    const later = newSortableId(now + 1);
    expect(later > ids[999]).toBe(true);
  });

  it("draws fresh randomness for each millisecond, across refills of its random pool", () => {
    const start = Date.now() + 10_000;
    const random = Array.from({ length: 1000 }, (_, i) => newSortableId(start + i).slice(10));
    expect(new Set(random).size).toBe(1000);
    // 80 bits each: every base-32 digit turns up.
    expect(new Set(random.join("")).size).toBe(32);
  });
});
