import type { DatabaseKind } from "../runtime/config.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { StoredCapture } from "./stored-capture.ts";

/** The SQL that differs between SQLite and PostgreSQL, in one place. */

/**
 * The list's text search: path and query in any case; the body as bytes, so binary bodies neither
 * break the query nor hide text inside them, ignoring the case of ASCII letters. A trigram index
 * narrows the rows down first (see the search_index migration); these conditions decide.
 */
export function searchConditions(kind: DatabaseKind, q: string): Prisma.Sql {
  // Both sides are lowered by the database itself, so its idea of case applies to both alike.
  if (kind === "postgresql") {
    // encode(…, 'escape') turns any bytes into text the same way for body and needle.
    const needle = Prisma.sql`lower(encode(convert_to(${q}, 'UTF8'), 'escape'))`;
    // A literal, as in the indexes' definitions, so the planner can match them.
    const bound = Prisma.raw(String(INDEXED_BODY_BYTES));
    return Prisma.sql`((lower("path" || E'\\n' || "query") LIKE ${containing(Prisma.sql`lower(${q})`)} OR "bodySize" > ${bound}
        OR (CASE WHEN "bodySize" <= ${bound} THEN lower(encode("body", 'escape')) ELSE '' END) LIKE ${containing(needle)})
      AND (strpos(lower("path"), lower(${q})) > 0 OR strpos(lower("query"), lower(${q})) > 0
      OR position(convert_to(${q}, 'UTF8') in "body") > 0
      OR strpos(lower(encode("body", 'escape')), ${needle}) > 0))`;
  }
  // The exact bytes anywhere in the body (past NUL bytes too), or the text in any case up to the first NUL.
  const candidates = sqliteCandidates("text", [q]);
  return Prisma.sql`(${candidates} AND (instr(lower("path"), lower(${q})) > 0 OR instr(lower("query"), lower(${q})) > 0
    OR instr("body", CAST(${q} AS BLOB)) > 0 OR instr(lower(CAST("body" AS TEXT)), lower(${q})) > 0))`;
}

/**
 * Bodies the trigram index holds. Indexing costs about a microsecond per byte, on the event loop
 * for SQLite and in the INSERT for PostgreSQL, so a larger body stays out of it and is always scanned.
 */
export const INDEXED_BODY_BYTES = 16 * 1024;

/** A header named `name` (any case) whose value contains `value` (any case; "" matches all). */
export function headerCondition(kind: DatabaseKind, name: string, value: string): Prisma.Sql {
  // Headers are stored as JSON text: the index can only find names and values JSON leaves as they are.
  const literal = [name, value].filter((s) => JSON.stringify(s) === `"${s}"`);
  if (kind === "postgresql") {
    const candidates = literal.map((s) => Prisma.sql`lower("headers"::text) LIKE ${containing(Prisma.sql`lower(${s})`)}`);
    return Prisma.sql`(${Prisma.join([...candidates, Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements("Capture"."headers") h
      WHERE lower(h->>0) = lower(${name}) AND strpos(lower(h->>1), lower(${value})) > 0)`], " AND ")})`;
  }
  return Prisma.sql`(${sqliteCandidates("headers", literal)} AND EXISTS (SELECT 1 FROM json_each("Capture"."headers") h
    WHERE lower(json_extract(h.value, '$[0]')) = lower(${name}) AND instr(lower(json_extract(h.value, '$[1]')), lower(${value})) > 0))`;
}

/** A PostgreSQL LIKE pattern for text containing the value of `text` (LIKE's escape is a backslash). */
function containing(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`'%' || replace(replace(replace(${text}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
}

/**
 * Captures the SQLite trigram index may hold `terms` in `column` (FTS5 phrases, any case), or not yet
 * indexed, or with a body too large to index. A term the index cannot look up (under three characters, or with a NUL) narrows nothing.
 */
function sqliteCandidates(column: "text" | "headers", terms: string[]): Prisma.Sql {
  const phrases = terms.filter((t) => [...t].length >= 3 && !t.includes("\0")).map((t) => `"${t.replaceAll('"', '""')}"`);
  if (phrases.length === 0) return Prisma.sql`1`;
  // Listed apart rather than tested on "bodySize": rows the index rules out are then never read.
  const unindexed = column === "text" ? Prisma.sql` OR "seq" IN (SELECT "seq" FROM "CaptureSearchUnindexed")` : Prisma.empty;
  return Prisma.sql`("seq" > (SELECT "value" FROM "Counter" WHERE "name" = 'search')${unindexed}
    OR "seq" IN (SELECT "rowid" FROM "CaptureSearch" WHERE "CaptureSearch" MATCH ${`${column} : (${phrases.join(" AND ")})`}))`;
}

/** Advances the capture counter by `n` and answers its new value: the last `seq` of the batch. */
export function nextSeq(n: number): Prisma.Sql {
  return Prisma.sql`UPDATE "Counter" SET "value" = "value" + ${n} WHERE "name" = 'capture' RETURNING "value"`;
}

/**
 * One multi-row INSERT for a batch of captures. On PostgreSQL it advances the capture counter in the
 * same statement (row i of n takes `seq` = counter − (n − 1 − i)), and the counter's row lock, held
 * to commit, makes instances take their `seq` ranges in commit order; it answers the rows' `seq`.
 * On SQLite the rows carry the `seq` the writer took from nextSeq. Raw SQL through Prisma skips its
 * query compiler, which otherwise costs more than the write itself on the capture path (see bench/);
 * values are written in the forms Prisma itself uses, so Prisma reads them back as if it had written them.
 */
export function insertCaptures(kind: DatabaseKind, rows: StoredCapture[]): Prisma.Sql {
  const counter = Prisma.sql`(SELECT "value" FROM "counter")`;
  const values = rows.map((r, i) => {
    const headers = JSON.stringify(r.headers);
    // Prisma's SQLite adapter stores DateTime as ISO 8601 with an explicit +00:00 offset.
    const [headersSql, receivedAt] =
      kind === "postgresql"
        ? [Prisma.sql`CAST(${headers} AS jsonb)`, r.receivedAt]
        : [Prisma.sql`${headers}`, r.receivedAt.toISOString().replace("Z", "+00:00")];
    const response = JSON.stringify(r.response);
    const responseSql = kind === "postgresql" ? Prisma.sql`CAST(${response} AS jsonb)` : Prisma.sql`${response}`;
    const seq = kind === "postgresql" ? Prisma.sql`${counter} - ${rows.length - 1 - i}` : Prisma.sql`${r.seq}`;
    return Prisma.sql`(${r.id}, ${seq}, ${r.binId}, ${r.method}, ${r.path}, ${r.query}, ${headersSql}, ${r.body}, ${r.bodySize},
      ${r.contentType}, ${r.remoteAddress}, ${r.httpVersion}, ${receivedAt}, ${responseSql}, ${r.response.status}, ${r.deliveryId}, ${r.bodySha256}, ${r.duplicateOf})`;
  });
  const insert = Prisma.sql`INSERT INTO "Capture" ("id", "seq", "binId", "method", "path", "query", "headers", "body", "bodySize",
    "contentType", "remoteAddress", "httpVersion", "receivedAt", "response", "responseStatus", "deliveryId", "bodySha256", "duplicateOf") VALUES ${Prisma.join(values)}`;
  if (kind !== "postgresql") return insert;
  return Prisma.sql`WITH "counter" AS (${nextSeq(rows.length)}) ${insert} RETURNING "seq"`;
}
