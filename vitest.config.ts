import { defineConfig } from "vitest/config";

export default defineConfig({
  // The same `@/` root as tsconfig.json, for modules shared with the app.
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "packages/**/*.test.ts", "test/**/*.test.ts"],
    // Each file starts its own server process on an ephemeral port with its own database file.
    pool: "forks",
    // Builds when the sources changed since the last build, once, before any test file.
    globalSetup: ["test/helpers/global-setup.mjs"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
