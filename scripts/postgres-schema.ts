// PostgreSQL gets its own schema file (Prisma takes `provider` from no variable), derived from the one
// source schema so the two cannot drift: `npm run db:generate` rewrites it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SOURCE = "prisma/schema.prisma";
export const TARGET = "prisma/postgres/schema.prisma";

/**
 * Sets `key = "…"` inside the first `<kind> <name> { … }` block, however the schema is laid out
 * (spacing, alignment, tabs, line breaks): the derivation must not depend on `prisma format`.
 */
function setInBlock(schema: string, kind: string, key: string, value: (old: string) => string): string {
  const block = new RegExp(String.raw`(\b${kind}\s+\w+\s*\{)([^}]*)\}`);
  const entry = new RegExp(String.raw`(\b${key}\s*=\s*)"([^"]*)"`);
  const found = block.exec(schema);
  if (!found || !entry.test(found[2])) throw new Error(`${SOURCE}: no ${key} in the ${kind} block`);
  const body = found[2].replace(entry, (_all, lead: string, old: string) => `${lead}"${value(old)}"`);
  return schema.slice(0, found.index) + found[1] + body + "}" + schema.slice(found.index + found[0].length);
}

export function postgresSchema(source: string): string {
  let out = setInBlock(source, "datasource", "provider", (old) => {
    if (old !== "sqlite") throw new Error(`${SOURCE}: the source schema's provider must be "sqlite", not "${old}"`);
    return "postgresql";
  });
  // The derived file lives one folder down, and its client goes beside the SQLite one.
  out = setInBlock(out, "generator", "output", (old) => `${path.posix.join("..", old)}-postgres`);
  return `// Generated from ${SOURCE} by scripts/postgres-schema.ts: edit the source, not this file.\n${out}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  mkdirSync(path.dirname(TARGET), { recursive: true });
  writeFileSync(TARGET, postgresSchema(readFileSync(SOURCE, "utf8")));
}
