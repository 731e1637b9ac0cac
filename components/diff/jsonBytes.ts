/**
 * Why two JSON texts that hold the same value are not the same bytes. It matters because a
 * signature covers bytes: a body re-formatted on its way verifies with no secret at all.
 */

export type ByteCause = "whitespace" | "key order" | "escapes";
export type ByteDifference = { leftBytes: number; rightBytes: number; firstDifferentByte: number; causes: ByteCause[] };

// Valid JSON only (both texts parsed): whitespace, strings, numbers, punctuation and literals.
const TOKEN = /[ \t\n\r]+|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\]:,]|true|false|null/gy;

function tokens(text: string): { kind: "space" | "value" | "mark"; raw: string }[] {
  return (text.match(TOKEN) ?? []).map((raw) => ({ kind: /^[ \t\n\r]/.test(raw) ? "space" : /^["\d-]/.test(raw) ? "value" : "mark", raw }));
}

/**
 * The whitespace runs between tokens, sorted: how the text is laid out, whatever order its keys
 * come in (a key moved with its value keeps its indentation).
 */
const layout = (text: string) => {
  const runs: string[] = [];
  let pending = "";
  for (const t of tokens(text)) {
    if (t.kind === "space") pending += t.raw;
    else {
      runs.push(pending);
      pending = "";
    }
  }
  return [...runs, pending].sort().join("|");
};

/** Strings and numbers as written, in sorted order: differs only when one is spelled differently. */
const spellings = (text: string) => tokens(text).filter((t) => t.kind === "value").map((t) => t.raw).sort().join("\u0000");

/**
 * Null when the texts are the same bytes; else their sizes, where they first differ (in bytes),
 * and which causes apply. `left` and `right` are the parsed values, equal as JSON.
 */
export function jsonByteDifference(leftText: string, rightText: string, left: unknown, right: unknown): ByteDifference | null {
  if (leftText === rightText) return null;
  const [a, b] = [new TextEncoder().encode(leftText), new TextEncoder().encode(rightText)];
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  const causes: ByteCause[] = [];
  if (layout(leftText) !== layout(rightText)) causes.push("whitespace");
  // The values are equal, so writing them out again tells whether their keys come in another order.
  if (JSON.stringify(left) !== JSON.stringify(right)) causes.push("key order");
  if (spellings(leftText) !== spellings(rightText)) causes.push("escapes");
  return { leftBytes: a.length, rightBytes: b.length, firstDifferentByte: first, causes };
}
