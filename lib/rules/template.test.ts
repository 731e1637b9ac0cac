import { describe, expect, it } from "vitest";
import { renderTemplate, templateView } from "./template.ts";

const request = (body: string, headers: [string, string][] = [], query = "") => ({
  method: "POST",
  path: "/github/push",
  query,
  headers,
  body: new TextEncoder().encode(body),
});
const view = (body: string, headers: [string, string][] = [], query = "") =>
  templateView(request(body, headers, query), "01CAPTURE", "2026-11-26T12:00:00.000Z");

describe("response templates", () => {
  it("render request values: method, path, query, headers in any case, JSON fields, capture id and time", () => {
    const v = view('{"a":{"b":[{"c":"deep"}]},"n":3,"ok":true,"s":"<x&\\"y>"}', [["X-GitHub-Event", "push"]], "x=1&y=a%20b&x=2");
    expect(renderTemplate("{{method}} {{path}} {{query.x}} {{query.y}}", v)).toBe("POST /github/push 1 a b");
    expect(renderTemplate("{{header.x-github-event}} {{header.X-GITHUB-EVENT}}", v)).toBe("push push");
    expect(renderTemplate('{"c":"{{json.a.b.0.c}}","n":{{json.n}},"ok":{{json.ok}}}', v)).toBe('{"c":"deep","n":3,"ok":true}');
    expect(renderTemplate("{{captureId}} {{receivedAt}}", v)).toBe("01CAPTURE 2026-11-26T12:00:00.000Z");
    // Not HTML: nothing is entity-escaped; objects render as JSON.
    expect(renderTemplate("{{json.s}} {{json.a.b}}", v)).toBe('<x&"y> [{"c":"deep"}]');
  });

  it("renders unknown fields, non-JSON bodies and prototype paths empty", () => {
    const v = view("not json", [["__proto__", "h"]], "__proto__=q&constructor=c");
    expect(renderTemplate("[{{nope}}][{{json.a}}][{{header.missing}}][{{query.none}}]", v)).toBe("[][][][]");
    const j = view('{"a":[1]}');
    expect(renderTemplate("[{{json.constructor}}][{{json.a.constructor}}][{{json.__proto__}}][{{method.length}}][{{toString}}]", j)).toBe("[][][][][]");
    expect(renderTemplate("[{{header.__proto__}}][{{query.__proto__}}][{{query.constructor}}]", v)).toBe("[h][q][c]");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps an injection attempt inert: request text is data, never template or code", () => {
    const v = view('{"x":"{{captureId}}","y":"{{#json}}{{/json}}"}', [["X-Evil", "{{method}}"]]);
    expect(renderTemplate("{{json.x}}|{{header.x-evil}}|{{{json.y}}}|{{> partial}}", v)).toBe("{{captureId}}|{{method}}|{{#json}}{{/json}}|");
  });
});
