import { describe, expect, it } from "vitest";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { compareBodies, compareHeaders, compareLines } from "./compare.ts";

const capture = (body: CaptureView["body"], extra: Partial<CaptureView> = {}): CaptureView => ({
  id: "C", seq: 1, binId: "B", method: "POST", path: "/", query: "", contentType: null, bodySize: body.data.length, remoteAddress: null,
  receivedAt: "2026-11-25T00:00:00.000Z", responseStatus: 200, fault: null, scheme: null, response: null, deliveryId: null, duplicateOf: null, bodySha256: "h", forward: null, httpVersion: "1.1", headers: [], body, attempts: [], forwardRetry: null,
  ...extra,
});
const text = (data: string) => capture({ encoding: "utf8", data });

describe("compareHeaders", () => {
  it("reports added, removed and changed headers by name in any case", () => {
    const rows = compareHeaders(
      [["Content-Type", "application/json"], ["X-Old", "1"], ["X-Same", "s"], ["X-Dup", "a"], ["X-Dup", "b"]],
      [["content-type", "text/plain"], ["X-Same", "s"], ["X-New", "2"], ["x-dup", "a"], ["x-dup", "b"]],
    );
    expect(rows).toEqual([
      { name: "Content-Type", left: "application/json", right: "text/plain", change: "changed" },
      { name: "X-Old", left: "1", right: null, change: "removed" },
      { name: "X-Same", left: "s", right: "s", change: "same" },
      { name: "X-Dup", left: "a, b", right: "a, b", change: "same" },
      { name: "X-New", left: null, right: "2", change: "added" },
    ]);
  });
});

describe("compareBodies", () => {
  it("compares JSON structurally: key order ignored, changed values old → new, nested paths", () => {
    const diff = compareBodies(
      text('{"a":1,"b":{"c":"x","d":[1,2,3]},"gone":true,"same":"s"}'),
      text('{"same":"s","b":{"d":[1,5,3],"c":"y"},"a":1,"new":null}'),
    );
    expect(diff).toEqual({
      kind: "json",
      bytes: null,
      changes: expect.arrayContaining([
        { path: "b.c", change: "changed", left: "x", right: "y" },
        { path: "b.d[1]", change: "removed", left: 2 },
        { path: "b.d[1]", change: "added", right: 5 },
        { path: "gone", change: "removed", left: true },
        { path: "new", change: "added", right: null },
      ]),
    });
    expect(compareBodies(text('{"x":1,"y":2}'), text('{"y":2,"x":1}'))).toMatchObject({ kind: "json", changes: [] });
  });

  it("says when the JSON is the same but the bytes are not, and why: whitespace, key order, escapes", () => {
    const event = { id: "evt_1", data: { amount: 2000, note: "é/x" } };
    const compact = JSON.stringify(event);
    const pretty = JSON.stringify(event, null, 2);
    const bytes = (l: string, r: string) => (compareBodies(text(l), text(r)) as { bytes: unknown }).bytes;
    expect(bytes(compact, compact)).toBeNull();
    expect(bytes(compact, pretty)).toEqual({ leftBytes: Buffer.byteLength(compact), rightBytes: Buffer.byteLength(pretty), firstDifferentByte: 1, causes: ["whitespace"] });
    expect(bytes(JSON.stringify(event, null, 2), JSON.stringify(event, null, 4))).toMatchObject({ causes: ["whitespace"] });
    expect(bytes(compact, `${compact}\n`)).toMatchObject({ causes: ["whitespace"], firstDifferentByte: Buffer.byteLength(compact) });
    expect(bytes('{"x":1,"y":{"a":2}}', '{"y":{"a":2},"x":1}')).toEqual({ leftBytes: 19, rightBytes: 19, firstDifferentByte: 2, causes: ["key order"] });
    expect(bytes(compact, compact.replace("é", "\\u00e9").replace("/", "\\/"))).toMatchObject({ causes: ["escapes"] });
    expect(bytes('{"x": 1, "y":2}', '{"y":2.0,"x":1}')).toMatchObject({ causes: ["whitespace", "key order", "escapes"] });
    // A value that changed is a change, not a byte difference.
    expect(compareBodies(text('{"x":1}'), text('{ "x": 2 }'))).toMatchObject({ kind: "json", bytes: null });
  });

  it("quotes keys that are not identifiers", () => {
    const diff = compareBodies(text('{"a b":{"x-y":1}}'), text('{"a b":{"x-y":2}}'));
    expect(diff).toEqual({ kind: "json", bytes: null, changes: [{ path: '["a b"]["x-y"]', change: "changed", left: 1, right: 2 }] });
  });

  it("compares other text line by line, a replaced line beside its replacement", () => {
    expect(compareLines("one\ntwo\nthree\n", "one\n2\nthree\nfour\n")).toEqual([
      { left: "one", right: "one", change: "same" },
      { left: "two", right: "2", change: "changed" },
      { left: "three", right: "three", change: "same" },
      { left: null, right: "four", change: "added" },
    ]);
    expect(compareBodies(text("a=1&b=2"), text("a=1&b=2"))).toMatchObject({ kind: "text", changed: false });
  });

  it("compares binary bodies by size and hash", () => {
    const bin = (data: string, sha: string) => capture({ encoding: "base64", data }, { bodySha256: sha, bodySize: 3 });
    expect(compareBodies(bin("//79", "aa"), text("abc"))).toEqual({ kind: "binary", left: { size: 3, sha256: "aa" }, right: { size: 3, sha256: "h" } });
  });
});
