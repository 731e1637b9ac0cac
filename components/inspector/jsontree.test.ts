import { describe, expect, it } from "vitest";
import { parseJson, parseJsonTree } from "./jsontree.ts";

describe("parseJsonTree", () => {
  it("keeps number literals as written and duplicate keys in order", () => {
    expect(parseJsonTree('{"id": 12345678901234567890, "a": 1.50, "a": -2e3}')).toEqual({
      type: "object",
      entries: [
        ["id", { type: "number", raw: "12345678901234567890" }],
        ["a", { type: "number", raw: "1.50" }],
        ["a", { type: "number", raw: "-2e3" }],
      ],
    });
  });

  it("parses strings with escapes, arrays and literals", () => {
    expect(parseJsonTree(' ["a\\"\\u00e9\\n", true, false, null, [], {}] ')).toEqual({
      type: "array",
      items: [
        { type: "string", value: 'a"é\n' },
        { type: "boolean", value: true },
        { type: "boolean", value: false },
        { type: "null" },
        { type: "array", items: [] },
        { type: "object", entries: [] },
      ],
    });
  });

  it("answers null for anything that is not JSON, and for hostile nesting", () => {
    for (const bad of ["", "{", '{"a":}', "[1,]", "01", "nul", '{"a":1} x', "'a'", "[".repeat(100_000)]) {
      expect(parseJsonTree(bad), bad.slice(0, 20)).toBeNull();
    }
  });
});

describe("parseJson", () => {
  it("says at which line and column a text stops being JSON", () => {
    expect(parseJson('{\n  "a": 1,\n  "b": tru\n}')).toMatchObject({ ok: false, line: 3, column: 8 });
    expect(parseJson('{"a": 1')).toMatchObject({ ok: false, line: 1, column: 8, reason: "unexpected end of input" });
    expect(parseJson("[1] x")).toMatchObject({ ok: false, line: 1, column: 5, reason: "unexpected text after the value" });
    expect(parseJson('{"a":[1]}')).toMatchObject({ ok: true });
  });
});
