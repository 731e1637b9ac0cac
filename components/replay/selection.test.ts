import { describe, expect, it } from "vitest";
import { emptySelection, keepListed, selectAllMatching, toggle } from "./selection.ts";

const order = ["e", "d", "c", "b", "a"];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe("capture selection", () => {
  it("toggles one capture per click", () => {
    const one = toggle(emptySelection, "d", false, order);
    expect(ids(one)).toEqual(["d"]);
    expect(ids(toggle(one, "d", false, order))).toEqual([]);
  });

  it("shift-click sets the range from the last click, either direction", () => {
    const first = toggle(emptySelection, "d", false, order);
    expect(ids(toggle(first, "a", true, order))).toEqual(["a", "b", "c", "d"]);
    const up = toggle(toggle(emptySelection, "b", false, order), "e", true, order);
    expect(ids(up)).toEqual(["b", "c", "d", "e"]);
    // A shift-click on a checked capture clears the range from the last click (e) to it.
    expect(ids(toggle(up, "c", true, order))).toEqual(["b"]);
  });

  it("'all that match' replaces the picked ones; a click goes back to picking, from the loaded ones", () => {
    const all = selectAllMatching();
    expect(all.allMatching).toBe(true);
    const picked = toggle(all, "a", false, order);
    expect(picked.allMatching).toBe(false);
    expect(ids(picked)).toEqual(["b", "c", "d", "e"]);
  });

  it("forgets captures that left the list", () => {
    const s = toggle(toggle(emptySelection, "a", false, order), "b", false, order);
    expect(ids(keepListed(s, ["b", "c"]))).toEqual(["b"]);
  });
});
