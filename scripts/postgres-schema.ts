// PostgreSQL gets its own schema file (Prisma takes `provider` from no variable), derived from the one
// source schema so the two cannot drift: `npm run db:generate` rewrites it.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

export const SOURCE = "prisma/schema.prisma";
export const TARGET = "prisma/postgres/schema.prisma";

export function postgresSchema(source: string): string {
  const out = source
    .replace(/provider = "sqlite"/, 'provider = "postgresql"')
    .replace('output   = "../lib/generated/prisma"', 'output   = "../../lib/generated/prisma-postgres"');
  if (out === source || !out.includes("prisma-postgres")) throw new Error(`${SOURCE}: provider or output line not found`);
  return `// Generated from ${SOURCE} by scripts/postgres-schema.ts: edit the source, not this file.\n${out}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  mkdirSync(path.dirname(TARGET), { recursive: true });
  writeFileSync(TARGET, postgresSchema(readFileSync(SOURCE, "utf8")));
}
