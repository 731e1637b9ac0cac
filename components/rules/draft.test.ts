import { describe, expect, it } from "vitest";
import { RulesSchema } from "@/lib/schemas/rules.ts";
import { draftFromRule, fieldErrors, newDraft, ruleFromDraft } from "./draft.ts";

describe("rule drafts", () => {
  it("round-trip a rule through the editor's fields", () => {
    const rule = {
      id: "r1", name: "flaky", enabled: false,
      match: { method: "POST", path: "/github/*", header: "X-GitHub-Event:push", bodyContains: "ref" },
      respond: { status: 202, headers: [["Content-Type", "text/plain"], ["X-A", "b: c"]] as [string, string][], body: "ok {{method}}", delayMs: 50 },
      fault: { kind: "fail_first" as const, count: 2, status: 503 },
    };
    const parsed = RulesSchema.parse({ rules: [ruleFromDraft(draftFromRule(rule))] });
    expect(parsed.rules[0]).toEqual(rule);
  });

  it("leaves a bad number as text so the API's schema names the field, shown next to it", () => {
    const good = newDraft();
    const bad = { ...newDraft(), status: "abc", path: "no-slash", fault: "fail_rate" as const, rate: "2" };
    const result = RulesSchema.safeParse({ rules: [ruleFromDraft(good), ruleFromDraft(bad)] });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }));
    const { byRule, general } = fieldErrors([good, bad], issues);
    expect(byRule.has(good.key)).toBe(false);
    expect(Object.keys(byRule.get(bad.key)!).sort()).toEqual(["path", "rate", "status"]);
    expect(general).toEqual([]);
  });
});
