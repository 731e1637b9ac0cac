import { describe, expect, it } from "vitest";
import type { Rule } from "../schemas/rules.ts";
import { firstMatch, globToRegExp, matches } from "./match.ts";

const req = (method: string, path: string, headers: [string, string][] = [], body = "") => ({
  method, path, query: "", headers, body: new TextEncoder().encode(body),
});
const rule = (id: string, match: Rule["match"], enabled = true): Rule => ({
  id, enabled, match, respond: { status: 200, headers: [], body: id, delayMs: 0 },
});

describe("path globs", () => {
  it("reads * as one segment and ** as any number, everything else literally", () => {
    const one = globToRegExp("/github/*");
    expect(["/github/push", "/github/"].map((p) => one.test(p))).toEqual([true, true]);
    expect(["/github/push/x", "/github", "/gitlab/push"].map((p) => one.test(p))).toEqual([false, false, false]);
    const any = globToRegExp("/hooks/**");
    expect(["/hooks", "/hooks/a", "/hooks/a/b/c"].map((p) => any.test(p))).toEqual([true, true, true]);
    expect(any.test("/hooksx")).toBe(false);
    expect(globToRegExp("/**/push").test("/a/b/push")).toBe(true);
    expect(globToRegExp("/a.b+(c)").test("/a.b+(c)")).toBe(true);
    expect(globToRegExp("/a.b").test("/aXb")).toBe(false);
  });
});

describe("rule matching", () => {
  it("checks method (any case), header by name or name:value substring (any case) and body text", () => {
    expect(matches({ method: "post" }, req("POST", "/"))).toBe(true);
    expect(matches({ method: "GET" }, req("POST", "/"))).toBe(false);
    expect(matches({ header: "x-github-event" }, req("POST", "/", [["X-GitHub-Event", "push"]]))).toBe(true);
    expect(matches({ header: "X-GitHub-Event:PUS" }, req("POST", "/", [["X-GitHub-Event", "push"]]))).toBe(true);
    expect(matches({ header: "X-GitHub-Event:ping" }, req("POST", "/", [["X-GitHub-Event", "push"]]))).toBe(false);
    expect(matches({ header: "Stripe-Signature" }, req("POST", "/"))).toBe(false);
    expect(matches({ bodyContains: "invoice.paid" }, req("POST", "/", [], '{"type":"invoice.paid"}'))).toBe(true);
    expect(matches({ bodyContains: "invoice.paid" }, req("POST", "/", [], "{}"))).toBe(false);
    expect(matches({}, req("DELETE", "/anything"))).toBe(true);
  });

  it("answers with the first enabled rule whose every condition holds, in order", () => {
    const rules = [
      rule("off", {}, false),
      rule("push", { method: "POST", path: "/github/*", header: "X-GitHub-Event:push" }),
      rule("github", { path: "/github/**" }),
      rule("all", {}),
    ];
    expect(firstMatch(rules, req("POST", "/github/x", [["X-GitHub-Event", "push"]]))?.id).toBe("push");
    expect(firstMatch(rules, req("GET", "/github/x", [["X-GitHub-Event", "push"]]))?.id).toBe("github");
    expect(firstMatch(rules, req("POST", "/stripe"))?.id).toBe("all");
    expect(firstMatch(rules.slice(0, 3), req("POST", "/stripe"))).toBeNull();
    expect(firstMatch([], req("POST", "/"))).toBeNull();
  });
});
