import { describe, expect, it } from "vitest";
import type { Rule } from "../schemas/rules.ts";
import { GUARD_HEADERS, corsHeaders, customAnswer, defaultAnswer, droppedHeaders, ruleAnswer } from "./answer.ts";
import { templateView } from "./template.ts";

const length = (body: string) => ["Content-Length", String(Buffer.byteLength(body))];

describe("composed answers", () => {
  it("default: { ok, id } as JSON, the sender's Origin echoed (else *), and the body's length", () => {
    const body = '{"ok":true,"id":"01CAPTURE"}';
    expect(defaultAnswer("01CAPTURE", "https://app.example")).toEqual({
      status: 200,
      headers: [...corsHeaders("https://app.example"), ["Content-Type", "application/json; charset=utf-8"], ...GUARD_HEADERS, length(body)],
      body,
    });
    expect(defaultAnswer("01CAPTURE", null).headers[0]).toEqual(["Access-Control-Allow-Origin", "*"]);
  });

  it("custom: the bin's headers in order after CORS, framing and guard headers left out, the length in bytes; a header of the bin's own replaces Hookjar's", () => {
    const custom = { status: 201, headers: [["X-Mode", "mock"], ["Content-Length", "99"], ["vary", "Accept"], ["Transfer-Encoding", "chunked"], ["content-security-policy", "default-src *"]] as [string, string][], body: "héllo", delayMs: 0 };
    const answer = customAnswer(custom, null);
    expect(answer.headers).toEqual([
      ["Access-Control-Allow-Origin", "*"], ["Access-Control-Allow-Credentials", "true"], ["Access-Control-Expose-Headers", "*"],
      ["X-Mode", "mock"], ["vary", "Accept"], ...GUARD_HEADERS, ["Content-Length", "6"],
    ]);
    expect(droppedHeaders(custom.headers)).toEqual(["Content-Length", "Transfer-Encoding"]);
  });

  it("counts the length in UTF-8 bytes as the body goes out: two-, three- and four-byte characters, and lone surrogates (sent as U+FFFD)", () => {
    for (const body of ["", "plain", "héllo", "€ and ✓", "日本語", "😀🎉 party", "a\ud800b", "\udc00", "end\ud83d", "\ud83d\ude00\ud83d"]) {
      const answer = customAnswer({ status: 200, headers: [], body, delayMs: 0 }, null);
      expect({ body, length: answer.headers.at(-1) }).toEqual({ body, length: length(body) });
    }
  });

  it("sends no body and no length with 204 and 304", () => {
    for (const status of [204, 304]) {
      const answer = customAnswer({ status, headers: [], body: "ignored", delayMs: 0 }, null);
      expect(answer.body).toBe("");
      expect(answer.headers.some(([n]) => n === "Content-Length")).toBe(false);
    }
  });

  it("rule: templates rendered for the capture, or the simulated failure", () => {
    const rule = { id: "r1", name: "ok", enabled: true, match: {}, respond: { status: 202, headers: [["X-Id", "{{captureId}}"]], body: "{{method}}", delayMs: 0 } } as Rule;
    const view = templateView({ method: "PUT", path: "/", query: "", headers: [], body: new Uint8Array() }, "01C", "2026-01-01T00:00:00.000Z");
    expect(ruleAnswer(rule, null, view, null)).toMatchObject({ status: 202, body: "PUT" });
    expect(ruleAnswer(rule, null, view, null).headers).toContainEqual(["X-Id", "01C"]);
    const failed = ruleAnswer({ ...rule, fault: { kind: "fail_first", count: 1, status: 503 } }, 503, view, null);
    expect(failed.status).toBe(503);
    expect(JSON.parse(failed.body)).toMatchObject({ error: "simulated_failure" });
  });
});
