import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchema, SOURCE, TARGET } from "../scripts/postgres-schema.ts";

describe("schemas", () => {
  it("keeps the PostgreSQL schema derived from the source schema (run npm run db:generate)", () => {
    expect(readFileSync(TARGET, "utf8")).toBe(postgresSchema(readFileSync(SOURCE, "utf8")));
  });

  it("has a migration snapshot equal to each current schema (run npm run db:diff -- <name>)", () => {
    for (const [schema, dir] of [[SOURCE, "prisma/migrations"], [TARGET, "prisma/postgres/migrations"]]) {
      const latest = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort().at(-1);
      expect(readFileSync(`${dir}/${latest}/schema.prisma`, "utf8"), dir).toBe(readFileSync(schema, "utf8"));
    }
  });
});
