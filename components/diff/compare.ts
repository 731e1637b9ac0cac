import { diffLines } from "diff";
import { create, type Delta } from "jsondiffpatch";
import { utf8OrNull, bodyBytes } from "../../lib/wire/bytes.ts";
import type { CaptureView } from "../../lib/schemas/capture.ts";
import type { HeaderPairs } from "../../lib/schemas/common.ts";
import { jsonByteDifference, type ByteDifference } from "./jsonBytes.ts";

/** Two captures compared, part by part; pure so the rules are testable without a browser. */

export type Change = "same" | "added" | "removed" | "changed";
export type HeaderRow = { name: string; left: string | null; right: string | null; change: Change };
export type JsonChange = { path: string; change: Exclude<Change, "same">; left?: unknown; right?: unknown };
/** One row of a side-by-side text diff: a line on either side or both. */
export type LineRow = { left: string | null; right: string | null; change: Change };

export type BodyDiff =
  /** `bytes`: how the texts differ when the JSON is the same (null when the bytes are too, or the JSON is not). */
  | { kind: "json"; changes: JsonChange[]; bytes: ByteDifference | null }
  | { kind: "text"; rows: LineRow[]; changed: boolean }
  | { kind: "binary"; left: { size: number; sha256: string }; right: { size: number; sha256: string } };

/** Headers by name, any case; a repeated header's values joined as one would read them. */
export function compareHeaders(left: HeaderPairs, right: HeaderPairs): HeaderRow[] {
  const byName = (pairs: HeaderPairs) => {
    const map = new Map<string, { name: string; values: string[] }>();
    for (const [name, value] of pairs) {
      const entry = map.get(name.toLowerCase()) ?? { name, values: [] };
      entry.values.push(value);
      map.set(name.toLowerCase(), entry);
    }
    return map;
  };
  const [a, b] = [byName(left), byName(right)];
  const names = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
  return names.map((key) => {
    const l = a.get(key)?.values.join(", ") ?? null;
    const r = b.get(key)?.values.join(", ") ?? null;
    const change: Change = l === null ? "added" : r === null ? "removed" : l === r ? "same" : "changed";
    return { name: (a.get(key) ?? b.get(key))!.name, left: l, right: r, change };
  });
}

// Arrays matched by position (no object hashes): a webhook's arrays rarely reorder, and position
// is what a reader compares. Strings compare whole: changed values are shown old → new.
const differ = create({ arrays: { detectMove: false } });

const segment = (path: string, key: string | number) =>
  typeof key === "number" ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

/** A jsondiffpatch delta as a flat list of what changed where; key order never counts. */
export function flattenDelta(delta: Delta, path = ""): JsonChange[] {
  if (delta === undefined) return [];
  if (Array.isArray(delta)) {
    if (delta.length === 1) return [{ path: path || "(root)", change: "added", right: delta[0] }];
    if (delta.length === 2) return [{ path: path || "(root)", change: "changed", left: delta[0], right: delta[1] }];
    return [{ path: path || "(root)", change: "removed", left: delta[0] }];
  }
  const object = delta as Record<string, Delta>;
  // jsondiffpatch marks an array's delta with `_t: "a"`; its keys are indices, `_n` for removed ones.
  const isArray = (object as Record<string, unknown>)._t === "a";
  return Object.keys(object)
    .filter((k) => k !== "_t")
    .sort((x, y) => Number(x.replace("_", "")) - Number(y.replace("_", "")) || x.localeCompare(y))
    .flatMap((k) => {
      const key = isArray ? Number(k.replace(/^_/, "")) : k;
      return flattenDelta(object[k], segment(path, key));
    });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Line rows, a removed line next to the added line that replaced it. */
export function compareLines(left: string, right: string): LineRow[] {
  const rows: LineRow[] = [];
  const lines = (value: string) => value.replace(/\n$/, "").split("\n");
  const parts = diffLines(left, right);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.added && !part.removed) {
      for (const line of lines(part.value)) rows.push({ left: line, right: line, change: "same" });
    } else if (part.removed && parts[i + 1]?.added) {
      const [gone, come] = [lines(part.value), lines(parts[++i].value)];
      for (let j = 0; j < Math.max(gone.length, come.length); j++) {
        const [l, r] = [gone[j] ?? null, come[j] ?? null];
        rows.push({ left: l, right: r, change: l === null ? "added" : r === null ? "removed" : "changed" });
      }
    } else {
      for (const line of lines(part.value)) rows.push(part.added ? { left: null, right: line, change: "added" } : { left: line, right: null, change: "removed" });
    }
  }
  return rows;
}

/** JSON structurally when both parse, text line by line when both are text, else size and hash. */
export function compareBodies(left: CaptureView, right: CaptureView): BodyDiff {
  const [l, r] = [left, right].map((c) => utf8OrNull(bodyBytes(c.body)));
  if (l === null || r === null) {
    return { kind: "binary", left: { size: left.bodySize, sha256: left.bodySha256 }, right: { size: right.bodySize, sha256: right.bodySha256 } };
  }
  const [a, b] = [parseJson(l), parseJson(r)];
  if (a.ok && b.ok && l.trim() && r.trim()) {
    const changes = flattenDelta(differ.diff(a.value, b.value));
    return { kind: "json", changes, bytes: changes.length ? null : jsonByteDifference(l, r, a.value, b.value) };
  }
  const rows = compareLines(l, r);
  return { kind: "text", rows, changed: rows.some((row) => row.change !== "same") };
}
