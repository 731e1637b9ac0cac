import type { Check } from "./schemes.ts";

/**
 * The commonest reason a signature fails with the right secret: something between the sender and
 * Hookjar (a proxy, a framework's body parser, a "pretty" logger) parsed the JSON and wrote it out
 * again, so the bytes that arrived are not the bytes that were signed. Trying the same JSON in the
 * forms such code writes tells that apart from a wrong secret.
 */

/** The forms tried, each with the words the hint uses for it. */
const FORMS: [string, (value: unknown) => string][] = [
  ["compact (no whitespace)", (value) => JSON.stringify(value)],
  ["indented by 2 spaces", (value) => JSON.stringify(value, null, 2)],
  ["indented by 4 spaces", (value) => JSON.stringify(value, null, 4)],
];

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) };
  } catch {
    return { ok: false };
  }
}

/**
 * A mismatch re-judged: `body_reformatted` (with a hint naming the form) when `verifyOver` accepts
 * the same JSON re-serialized, else the mismatch as it was. `verifyOver` checks a signature over
 * other body bytes with everything else (headers, secret, URL) as received.
 */
export function reformattedOrMismatch(mismatch: Check, body: Buffer, verifyOver: (body: Buffer) => Check): Check {
  if (mismatch.reason !== "signature_mismatch") return mismatch;
  const parsed = parseJson(body);
  if (!parsed.ok) return mismatch;
  for (const [name, write] of FORMS) {
    const form = Buffer.from(write(parsed.value), "utf8");
    if (form.equals(body)) continue;
    // A stale timestamp would fail it too, but the signature matched: the body is what to fix first.
    const check = verifyOver(form);
    if (check.reason === null || check.reason === "timestamp_outside_tolerance") {
      return {
        ...mismatch,
        reason: "body_reformatted",
        hint: `The signature matches this JSON written ${name}, not the bytes that arrived: verify over the body exactly as the sender sent it.`,
      };
    }
  }
  return mismatch;
}
