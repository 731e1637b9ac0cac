import { describe, expect, it } from "vitest";
import { TransientSet } from "./transient-set.ts";

describe("TransientSet", () => {
  it("holds what was added until its remover is called, in any order, a second call changing nothing", () => {
    const set = new TransientSet<string>();
    const removeA = set.add("a");
    const removeB = set.add("b");
    const removeC = set.add("c");
    const removeD = set.add("d");
    expect(set.size).toBe(4);
    removeB();
    expect(set.values().sort()).toEqual(["a", "c", "d"]);
    removeB();
    expect(set.size).toBe(3);
    // "d" moved into "b"'s slot: its remover must still find it there.
    removeD();
    expect(set.values().sort()).toEqual(["a", "c"]);
    removeA();
    removeC();
    expect(set.size).toBe(0);
    expect(set.values()).toEqual([]);
  });

  it("finds every member after many removals, and values() is a copy", () => {
    const set = new TransientSet<object>();
    const members = Array.from({ length: 100 }, () => ({}));
    const removers = members.map((m) => set.add(m));
    removers.filter((_, i) => i % 3 === 0).forEach((remove) => remove());
    const left = set.values();
    expect(left).toHaveLength(66);
    members.forEach((m, i) => expect(left.includes(m)).toBe(i % 3 !== 0));
    // values() is a copy: removing while going through it skips nothing.
    for (const _ of set.values()) removers.forEach((remove) => remove());
    expect(set.size).toBe(0);
  });
});
