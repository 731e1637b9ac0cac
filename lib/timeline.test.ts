import { describe, expect, it } from "vitest";
import { indexOfId, mergeCaptures, vanishedIds } from "./timeline.ts";

const items = (...ids: string[]) => ids.map((id) => ({ id }));
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
    const shown = { id: "A", tag: "shown" };
    expect(mergeCaptures([shown], [{ id: "A", tag: "new" }])[0]).toBe(shown);
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

describe("indexOfId", () => {
  it("finds ids in a newest-first list", () => {
    const list = items("E", "C", "A");
    expect(["E", "C", "A", "D", "Z", "0"].map((id) => indexOfId(list, id))).toEqual([0, 1, 2, -1, -1, -1]);
    expect(indexOfId([], "A")).toBe(-1);
  });
});
