import { describe, expect, it } from "vitest";
import type { CaptureSummary } from "@/lib/schemas/capture.ts";
import { initialState, inspectorReducer as reduce, type InspectorState } from "./state.ts";

// An id's letter gives its commit order.
const capture = (id: string): CaptureSummary => ({
  id, seq: id.charCodeAt(0), responseStatus: 200, fault: null, scheme: null, binId: "b", method: "POST", path: "/", query: "", contentType: null, bodySize: 0, remoteAddress: null,
  receivedAt: "2026-01-01T00:00:00.000Z", deliveryId: null, duplicateOf: null, bodySha256: "", forward: null,
});
const ids = (s: InspectorState) => s.items.map((c) => c.id);
const start = (...list: string[]) => initialState({ items: list.map(capture), nextCursor: null });

describe("inspectorReducer", () => {
  it("refills a cleared list quietly (a new filter) but flashes what a resync finds new", () => {
    const cleared = reduce(start("B", "A"), { type: "cleared" });
    const quiet = reduce(cleared, { type: "resynced", fetched: [capture("B")], gone: new Set(), nextCursor: "B", quiet: true });
    expect(ids(quiet)).toEqual(["B"]);
    expect(quiet.nextCursor).toBe("B");
    expect(quiet.fresh.size).toBe(0);
    const loud = reduce(quiet, { type: "resynced", fetched: [capture("C"), capture("B")], gone: new Set(), nextCursor: null });
    expect([...loud.fresh]).toEqual(["C"]);
  });

  it("selects the newest capture at first, and follows new ones while the newest is selected", () => {
    let s = start("B", "A");
    expect(s.selectedId).toBe("B");
    s = reduce(s, { type: "arrived", captures: [capture("C")] });
    expect(ids(s)).toEqual(["C", "B", "A"]);
    expect(s.selectedId).toBe("C");
    expect([...s.fresh]).toEqual(["C"]);
    expect(s.unread.size).toBe(0);
  });

  it("keeps the place of a user reading an older capture and counts what arrives as unread", () => {
    let s = reduce(start("B", "A"), { type: "selected", id: "A" });
    s = reduce(s, { type: "arrived", captures: [capture("C"), capture("D")] });
    expect(s.selectedId).toBe("A");
    expect([...s.unread].sort()).toEqual(["C", "D"]);
    s = reduce(s, { type: "selected", id: "C" });
    expect([...s.unread]).toEqual(["D"]);
    s = reduce(s, { type: "jumpedToNewest" });
    expect(s.selectedId).toBe("D");
    expect(s.unread.size).toBe(0);
  });

  it("ignores captures it already shows", () => {
    const s = start("B", "A");
    expect(reduce(s, { type: "arrived", captures: [capture("B")] })).toBe(s);
  });

  it("holds arrivals while paused and shows them, once each, on resume", () => {
    let s = reduce(start("A"), { type: "paused", paused: true });
    s = reduce(s, { type: "arrived", captures: [capture("B")] });
    s = reduce(s, { type: "arrived", captures: [capture("B"), capture("C")] });
    expect(ids(s)).toEqual(["A"]);
    expect(s.held.map((c) => c.id)).toEqual(["C", "B"]);
    s = reduce(s, { type: "paused", paused: false });
    expect(ids(s)).toEqual(["C", "B", "A"]);
    expect(s.held).toEqual([]);
    expect(s.selectedId).toBe("C");
  });

  it("moves the selection to a neighbour when the selected capture is deleted", () => {
    let s = reduce(start("C", "B", "A"), { type: "selected", id: "B" });
    s = reduce(s, { type: "removed", ids: new Set(["B"]) });
    expect(ids(s)).toEqual(["C", "A"]);
    expect(s.selectedId).toBe("A");
    s = reduce(s, { type: "removed", ids: new Set(["A"]) });
    expect(s.selectedId).toBe("C");
    s = reduce(s, { type: "cleared" });
    expect(s).toMatchObject({ items: [], selectedId: null, nextCursor: null });
  });

  it("resyncs after a reconnect: drops what vanished, adds what was missed", () => {
    let s = reduce(start("C", "B", "A"), { type: "selected", id: "A" });
    s = reduce(s, { type: "resynced", fetched: [capture("E"), capture("D"), capture("C"), capture("A")], gone: new Set(["B"]), nextCursor: null });
    expect(ids(s)).toEqual(["E", "D", "C", "A"]);
    expect([...s.unread].sort()).toEqual(["D", "E"]);
  });

  it("walks the list with j/k moves, stopping at both ends", () => {
    let s = start("C", "B", "A");
    s = reduce(s, { type: "moved", by: -1 });
    expect(s.selectedId).toBe("C");
    s = reduce(reduce(reduce(s, { type: "moved", by: 1 }), { type: "moved", by: 1 }), { type: "moved", by: 1 });
    expect(s.selectedId).toBe("A");
  });

  it("appends older pages and takes their cursor", () => {
    const s = reduce(initialState({ items: [capture("C")], nextCursor: "C" }), {
      type: "olderLoaded",
      page: { items: [capture("B"), capture("A")], nextCursor: null },
    });
    expect(ids(s)).toEqual(["C", "B", "A"]);
    expect(s.nextCursor).toBeNull();
  });
});
