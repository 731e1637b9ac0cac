import { bodyBytes, utf8OrNull } from "../../lib/wire/bytes.ts";
import type { AttemptView, CaptureView } from "../../lib/schemas/capture.ts";
import type { EncodedBody, HeaderPairs } from "../../lib/schemas/common.ts";

/** The editable form of a request to resend; pure so the editor's rules are testable without a browser. */

export type HeaderRow = { enabled: boolean; name: string; value: string };
export type BodyDraft = { mode: "text" | "base64"; data: string };
export type Draft = { method: string; url: string; headers: HeaderRow[]; body: BodyDraft };

// Framing headers describe the original bytes on the original connection; sending them again after
// an edit would lie about the new body. They stay visible but start switched off.
const FRAMING = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive"]);

export function rowsFromPairs(pairs: HeaderPairs): HeaderRow[] {
  return pairs.map(([name, value]) => ({ enabled: !FRAMING.has(name.toLowerCase()), name, value }));
}

export function pairsFromRows(rows: HeaderRow[]): HeaderPairs {
  return rows.filter((r) => r.enabled && r.name.trim() !== "").map((r) => [r.name.trim(), r.value]);
}

export function draftBody(body: EncodedBody): BodyDraft {
  return { mode: body.encoding === "utf8" ? "text" : "base64", data: body.data };
}

/** The body as the API takes it; none when empty. */
export function bodyToSend(draft: BodyDraft): EncodedBody | undefined {
  if (draft.data === "") return undefined;
  if (draft.mode === "text") return { encoding: "utf8", data: draft.data };
  return { encoding: "base64", data: draft.data.replace(/\s+/g, "") };
}

/** Switches between text and base64 without changing the bytes; refuses what would not round-trip. */
export function switchBodyMode(draft: BodyDraft, mode: BodyDraft["mode"]): { ok: true; body: BodyDraft } | { ok: false; error: string } {
  if (draft.mode === mode) return { ok: true, body: draft };
  if (mode === "base64") {
    return { ok: true, body: { mode, data: toBase64(new TextEncoder().encode(draft.data)) } };
  }
  let bytes: Uint8Array;
  try {
    bytes = bodyBytes({ encoding: "base64", data: draft.data.replace(/\s+/g, "") });
  } catch {
    return { ok: false, error: "The body is not valid base64." };
  }
  const text = utf8OrNull(bytes);
  if (text === null) return { ok: false, error: "These bytes are not valid UTF-8 text; edit them as base64." };
  return { ok: true, body: { mode, data: text } };
}

export function formatJson(text: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: JSON.stringify(JSON.parse(text), null, 2) };
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * What of a target to offer the bin's next resend: its origin and base path, without the sub-path
 * (and query) of the capture it was sent for — `https://h.test/hooks/orders` sent for a capture of
 * `/orders` leaves `https://h.test/hooks`, so another capture's path is never offered.
 */
export function targetBase(url: string, capturePath: string): string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return url;
  }
  // Only http(s) URLs have an origin to keep; anything else is refused by the API anyway.
  if (target.protocol !== "http:" && target.protocol !== "https:") return url;
  const path = capturePath !== "/" && target.pathname.endsWith(capturePath) ? target.pathname.slice(0, -capturePath.length) : target.pathname;
  return target.origin + path.replace(/\/$/, "");
}

/** A capture as a draft; `rememberedUrl` is the target base last used for its bin, else the target starts empty. */
export function draftFromCapture(capture: CaptureView, rememberedUrl: string | null): Draft {
  return {
    method: capture.method,
    url: rememberedUrl ?? "",
    headers: rowsFromPairs(capture.headers),
    body: draftBody(capture.body),
  };
}

/** An earlier attempt as a draft, to edit and send again. */
export function draftFromAttempt(attempt: AttemptView): Draft {
  return { method: attempt.method, url: attempt.url, headers: rowsFromPairs(attempt.request.headers), body: draftBody(attempt.request.body) };
}
