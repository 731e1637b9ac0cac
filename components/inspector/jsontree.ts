/**
 * A JSON parser for display that keeps what JSON.parse loses: number literals as written
 * (no rounding of big integers) and duplicate object keys, in order.
 */

export type JsonNode =
  | { type: "object"; entries: [string, JsonNode][] }
  | { type: "array"; items: JsonNode[] }
  | { type: "string"; value: string }
  | { type: "number"; raw: string }
  | { type: "boolean"; value: boolean }
  | { type: "null" };

// Hostile input may nest deeper than any call stack; past this it is shown as raw text instead.
const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

class Invalid extends Error {}

export type JsonParse = { ok: true; root: JsonNode } | { ok: false; line: number; column: number; reason: string };

/** The tree of a JSON text, or null when it is not valid JSON. */
export function parseJsonTree(text: string): JsonNode | null {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.root : null;
}

/** The tree of a JSON text, or where (1-based line and column) and why it stops being JSON. */
export function parseJson(text: string): JsonParse {
  let pos = 0;
  let reason = "unexpected character";

  const skip = () => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };
  const expect = (ch: string) => {
    if (text[pos] !== ch) throw new Invalid();
    pos++;
  };

  function string(): string {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
    if (pos >= text.length) throw new Invalid();
    pos++;
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      throw new Invalid();
    }
  }

  function value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) {
      reason = `nested deeper than ${MAX_DEPTH} levels`;
      throw new Invalid();
    }
    skip();
    const ch = text[pos];
    if (ch === "{") {
      pos++;
      const entries: [string, JsonNode][] = [];
      skip();
      if (text[pos] === "}") {
        pos++;
        return { type: "object", entries };
      }
      while (true) {
        skip();
        if (text[pos] !== '"') throw new Invalid();
        const key = string();
        skip();
        expect(":");
        entries.push([key, value(depth + 1)]);
        skip();
        if (text[pos] === "}") {
          pos++;
          return { type: "object", entries };
        }
        expect(",");
      }
    }
    if (ch === "[") {
      pos++;
      const items: JsonNode[] = [];
      skip();
      if (text[pos] === "]") {
        pos++;
        return { type: "array", items };
      }
      while (true) {
        items.push(value(depth + 1));
        skip();
        if (text[pos] === "]") {
          pos++;
          return { type: "array", items };
        }
        expect(",");
      }
    }
    if (ch === '"') return { type: "string", value: string() };
    for (const [word, node] of LITERALS) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return node;
      }
    }
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match) throw new Invalid();
    pos = NUMBER.lastIndex;
    return { type: "number", raw: match[0] };
  }

  try {
    const root = value(0);
    skip();
    if (pos === text.length) return { ok: true, root };
    reason = "unexpected text after the value";
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
  }
  if (pos >= text.length) reason = "unexpected end of input";
  const before = text.slice(0, Math.min(pos, text.length));
  const line = before.split("\n").length;
  return { ok: false, line, column: pos - (before.lastIndexOf("\n") + 1) + 1, reason };
}

const LITERALS: [string, JsonNode][] = [
  ["true", { type: "boolean", value: true }],
  ["false", { type: "boolean", value: false }],
  ["null", { type: "null" }],
];
