import type { DatabaseKind } from "./config.ts";
import { Prisma } from "./generated/prisma/client.ts";

/**
 * The list filters in each database's SQL. Text matches ignore ASCII case; the body is searched as
 * bytes, so binary bodies neither break the query nor hide text inside them.
 */
export function searchConditions(kind: DatabaseKind, q: string): Prisma.Sql {
  const needle = q.toLowerCase();
  if (kind === "postgresql") {
    // encode(…, 'escape') turns any bytes into text the same way for body and needle alike.
    return Prisma.sql`(strpos(lower("path"), ${needle}) > 0 OR strpos(lower("query"), ${needle}) > 0
      OR strpos(lower(encode("body", 'escape')), encode(convert_to(${needle}, 'UTF8'), 'escape')) > 0)`;
  }
  return Prisma.sql`(instr(lower("path"), ${needle}) > 0 OR instr(lower("query"), ${needle}) > 0
    OR instr(lower(CAST("body" AS TEXT)), ${needle}) > 0)`;
}

/** A header named `name` (any case) whose value contains `value` (any case; "" matches all). */
export function headerCondition(kind: DatabaseKind, name: string, value: string): Prisma.Sql {
  const n = name.toLowerCase();
  const v = value.toLowerCase();
  if (kind === "postgresql") {
    return Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements("Capture"."headers") h
      WHERE lower(h->>0) = ${n} AND strpos(lower(h->>1), ${v}) > 0)`;
  }
  return Prisma.sql`EXISTS (SELECT 1 FROM json_each("Capture"."headers") h
    WHERE lower(json_extract(h.value, '$[0]')) = ${n} AND instr(lower(json_extract(h.value, '$[1]')), ${v}) > 0)`;
}
