import type { CustomResponse } from "../schemas/bin.ts";
import { sendableHeaderValue } from "../schemas/common.ts";
import type { Rule } from "../schemas/rules.ts";
import { renderTemplate, type TemplateView } from "./template.ts";

/**
 * What a sender gets back, composed as data — status, every header Hookjar sets, body — before
 * anything is written. The capture path sends exactly this (lib/capture/answer.ts), and the
 * settings panel previews it with the same function, so the two cannot disagree. Pure: runs in
 * the browser too. Node adds only `Date` and `Connection`/`Keep-Alive`.
 */

export type ComposedAnswer = { status: number; headers: [string, string][]; body: string };

/**
 * Permissive CORS on every answer, so no browser sender ever hits a CORS wall: a sender's Origin
 * is echoed (credentials need that), else `*`.
 */
export function corsHeaders(origin: string | null): [string, string][] {
  return [
    ["Access-Control-Allow-Origin", origin ?? "*"],
    ["Vary", "Origin"],
    ["Access-Control-Allow-Credentials", "true"],
    ["Access-Control-Expose-Headers", "*"],
  ];
}

// Node frames the body itself from the length given here; a bin's own framing header would disagree.
const FRAMING = new Set(["content-length", "transfer-encoding", "connection"]);

/**
 * Capture answers are served from the app's own origin, where browsers keep bins' manage keys, and
 * anyone may make a bin answer HTML (or forward to a target that does). So a browser never runs or
 * sniffs an answer as this origin's page: these headers are always sent, and a bin's own headers of
 * these names (or a forward target's, in pass-through) are left out.
 */
export const GUARD_HEADERS: [string, string][] = [
  ["Content-Security-Policy", "sandbox; default-src 'none'"],
  ["X-Content-Type-Options", "nosniff"],
];
const GUARDED = new Set(GUARD_HEADERS.map(([name]) => name.toLowerCase()));

/** The headers of a bin's answer (or a target's) that may reach the sender: neither framing nor guarded. */
export const sendableHeaders = (headers: [string, string][], framing: ReadonlySet<string> = FRAMING) =>
  headers.filter(([name]) => !framing.has(name.toLowerCase()) && !GUARDED.has(name.toLowerCase()));
// Answers that carry no body, whatever was configured (RFC 9110 §15.3.5, §15.4.5).
const NO_BODY = new Set([204, 304]);

/** A bin's framing headers, which the answer leaves out (its length is computed). */
export const droppedHeaders = (headers: [string, string][]) => headers.filter(([name]) => FRAMING.has(name.toLowerCase())).map(([name]) => name);

/**
 * The answer with these headers and body: CORS first (a header the bin sets itself replaces
 * Hookjar's of that name), then the bin's headers in order, then the body's length.
 */
function compose(status: number, own: [string, string][], body: string, origin: string | null): ComposedAnswer {
  const kept = sendableHeaders(own).map(([name, value]): [string, string] => [name, sendableHeaderValue(value)]);
  const set = new Set(kept.map(([name]) => name.toLowerCase()));
  const cors = corsHeaders(origin).filter(([name]) => !set.has(name.toLowerCase()));
  if (NO_BODY.has(status)) return { status, headers: [...cors, ...kept, ...GUARD_HEADERS], body: "" };
  return { status, headers: [...cors, ...kept, ...GUARD_HEADERS, ["Content-Length", String(utf8Length(body))]], body };
}

/** The UTF-8 byte length of `text`, counted without encoding it (this runs for every capture, and in the browser). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    // Two bytes below U+0800; three for the rest, a lone surrogate included (sent as U+FFFD); four for
    // a surrogate pair, which is two units.
    bytes += code < 0x800 ? 1 : 2;
    if (pair) i++;
  }
  return bytes;
}

const JSON_TYPE: [string, string] = ["Content-Type", "application/json; charset=utf-8"];

/** No rule matched and the bin has no custom response: `{ ok, id }` with the capture's id. */
export function defaultAnswer(captureId: string, origin: string | null): ComposedAnswer {
  return compose(200, [JSON_TYPE], JSON.stringify({ ok: true, id: captureId }), origin);
}

/** The bin's custom response (its delay is waited before sending). */
export function customAnswer(custom: CustomResponse, origin: string | null): ComposedAnswer {
  return compose(custom.status, custom.headers, custom.body, origin);
}

/** A matching rule's answer, its templates rendered for this capture; or the failure its fault chose. */
export function ruleAnswer(rule: Rule, failStatus: number | null, view: TemplateView, origin: string | null): ComposedAnswer {
  if (failStatus !== null) {
    const message = `Hookjar rule "${rule.name ?? rule.id}" failed this delivery on purpose (${rule.fault!.kind}).`;
    return compose(failStatus, [JSON_TYPE], JSON.stringify({ error: "simulated_failure", message }), origin);
  }
  const headers = rule.respond.headers.map(([name, value]): [string, string] => [name, renderTemplate(value, view)]);
  return compose(rule.respond.status, headers, renderTemplate(rule.respond.body, view), origin);
}
