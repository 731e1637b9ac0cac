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

  it("derives the PostgreSQL schema whatever the source's layout (spacing, tabs, line breaks)", () => {
    const source = readFileSync(SOURCE, "utf8");
    const relaid = source
      .replace(/provider = "sqlite"/, 'provider="sqlite"')
      .replace(/output\s+=\s+"/, 'output\t =\n    "')
      .replace(/datasource db \{/, "datasource   db{");
    expect(relaid).not.toBe(source);
    const derived = postgresSchema(relaid);
    expect(derived).toContain('provider="postgresql"');
    expect(derived).toContain('"../../lib/generated/prisma-postgres"');
    expect(derived).not.toContain("sqlite");
    const layoutFree = (schema: string) => schema.replace(/\s*([={])\s*/g, "$1").replace(/\s+/g, " ");
    expect(layoutFree(derived)).toBe(layoutFree(postgresSchema(source)));
  });

  it("refuses a source schema whose provider or output it cannot find", () => {
    expect(() => postgresSchema('generator client {\n provider = "prisma-client"\n}\n')).toThrow(/provider/);
    expect(() => postgresSchema(readFileSync(SOURCE, "utf8").replace('"sqlite"', '"mysql"'))).toThrow(/must be "sqlite"/);
  });
});
