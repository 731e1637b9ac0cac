import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("the import graph", () => {
  it("has no cycles, keeps server folders out of browser code and the CLI, and lib/ free of UI", () => {
    // The rules live in .dependency-cruiser.cjs; a violation fails with the offending import named.
    let output = "";
    try {
      output = execFileSync(process.execPath, ["node_modules/dependency-cruiser/bin/dependency-cruise.mjs", "--config", ".dependency-cruiser.cjs",
        "server.ts", "proxy.ts", "app", "components", "lib", "packages", "scripts"], { cwd: ROOT, encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toMatch(/no dependency violations found \(\d+ modules/);
  }, 60_000);
});
