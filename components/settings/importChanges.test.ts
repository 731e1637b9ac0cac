import { describe, expect, it } from "vitest";
import { settingsChanges } from "./importChanges.ts";

describe("settingsChanges", () => {
  const now = { name: "Orders", response: null, forward: { url: "https://a.example/hook", enabled: true, mode: "async" as const, timeoutMs: 10_000 }, rules: [] };

  it("lists each part the document would replace, old → new", () => {
    expect(settingsChanges(now, { name: "Mock", response: { status: 202, headers: [], body: "", delayMs: 0 }, forward: null, rules: [{ respond: { status: 200 } }, { respond: { status: 500 } }] })).toEqual([
      'Name: "Orders" → "Mock"',
      "Custom response: the default answer → 202",
      "Auto-forward: https://a.example/hook → none",
      "Response rules: 0 rules replaced by 2",
    ]);
  });

  it("leaves out the parts the document does not hold or holds unchanged", () => {
    expect(settingsChanges(now, { name: "Orders", rules: [] })).toEqual([]);
    expect(settingsChanges(now, {})).toEqual([]);
    expect(settingsChanges({ ...now, name: null }, { name: "x" })).toEqual(['Name: no name → "x"']);
  });
});
