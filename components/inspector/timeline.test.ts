import { describe, expect, it } from "vitest";
import { indexOfCapture, indexOfId, mergeCaptures, newestSeq, vanishedIds } from "./timeline.ts";

// In these lists an id's letter gives its commit order.
const items = (...ids: string[]) => ids.map((id) => ({ id, seq: id.charCodeAt(0) }));
const ids = (list: { id: string }[]) => list.map((c) => c.id);

describe("mergeCaptures", () => {
  it("prepends newer, appends older and slots the rest in order, each id once", () => {
    const list = items("E", "C", "A");
    expect(ids(mergeCaptures(list, items("F")))).toEqual(["F", "E", "C", "A"]);
    expect(ids(mergeCaptures(list, items("0", "B", "D", "C", "D")))).toEqual(["E", "D", "C", "B", "A", "0"]);
  });

  it("returns the same array when nothing is new, so React can skip a render", () => {
    const list = items("C", "B");
    expect(mergeCaptures(list, items("B", "C"))).toBe(list);
    expect(mergeCaptures(list, [])).toBe(list);
  });

  it("keeps the shown object for an id it already has", () => {
    const shown = { id: "A", seq: 1, tag: "shown" };
    expect(mergeCaptures([shown], [{ id: "A", seq: 1, tag: "new" }])[0]).toBe(shown);
  });

  it("orders by commit order, not by id: an instance with a slow clock makes older ids later", () => {
    const list = [{ id: "01JB", seq: 2 }, { id: "01JA", seq: 1 }];
    const skewed = { id: "01H0", seq: 3 };
    expect(ids(mergeCaptures(list, [skewed]))).toEqual(["01H0", "01JB", "01JA"]);
    expect(newestSeq(list, [skewed])).toBe(3);
    expect(newestSeq([])).toBeNull();
  });
});

describe("vanishedIds", () => {
  it("reports ids missing from the span the fetch covered", () => {
    expect(vanishedIds(items("F", "E", "D", "B", "A"), items("F", "D", "C"), false)).toEqual(new Set(["E"]));
  });

  it("judges the older part too when the fetch reached the end", () => {
    expect(vanishedIds(items("F", "E", "B"), items("F", "E"), true)).toEqual(new Set(["B"]));
    expect(vanishedIds(items("B", "A"), [], true)).toEqual(new Set(["B", "A"]));
  });

  it("judges nothing when an unfinished fetch found nothing", () => {
    expect(vanishedIds(items("B"), [], false).size).toBe(0);
  });
});

describe("indexOfCapture / indexOfId", () => {
  it("finds captures in a newest-first list", () => {
    const list = items("E", "C", "A");
    expect(items("E", "C", "A", "D", "Z", "0").map((c) => indexOfCapture(list, c))).toEqual([0, 1, 2, -1, -1, -1]);
    expect(indexOfCapture(list, { id: "X", seq: "C".charCodeAt(0) })).toBe(-1);
    expect(["E", "C", "A", "D"].map((id) => indexOfId(list, id))).toEqual([0, 1, 2, -1]);
    expect(indexOfId([], "A")).toBe(-1);
  });
});
