import { Prisma } from "../../generated/prisma/client.ts";
import { CAPTURE_COLUMNS, type StoredCapture } from "../stored-capture.ts";
import { wordTerms } from "./search-words.ts";

/**
 * The list's text search: path and query in any case; the body as bytes, so binary bodies neither
 * break the query nor hide text inside them, ignoring the case of ASCII letters. The word index
 * (search-words.ts) narrows the rows down first; these conditions decide.
 */
export function searchCondition(q: string): Prisma.Sql {
  // The exact bytes anywhere in the body (past NUL bytes too), or the text in any case up to the first NUL.
  return Prisma.sql`(${indexCandidates("text", wordTerms(q))} AND (instr(lower("path"), lower(${q})) > 0 OR instr(lower("query"), lower(${q})) > 0
    OR instr("body", CAST(${q} AS BLOB)) > 0 OR instr(lower(CAST("body" AS TEXT)), lower(${q})) > 0))`;
}

/** A header named `name` (any case) whose value contains `value` (any case; "" matches all). */
export function headerCondition(name: string, value: string): Prisma.Sql {
  // Headers are stored as JSON text: the index holds names and values as JSON writes them, so only
  // those it leaves as they are can be looked up. The name is matched whole.
  const literal = (s: string) => JSON.stringify(s) === `"${s}"`;
  const terms = [...(literal(name) ? wordTerms(name, true) : []), ...(literal(value) ? wordTerms(value) : [])];
  return Prisma.sql`(${indexCandidates("headers", terms)} AND EXISTS (SELECT 1 FROM json_each("Capture"."headers") h
    WHERE lower(json_extract(h.value, '$[0]')) = lower(${name}) AND instr(lower(json_extract(h.value, '$[1]')), lower(${value})) > 0))`;
}

/** Captures the word index finds all of `terms` for in `column`, or whose body is too large to be in it. */
function indexCandidates(column: "text" | "headers", terms: string[]): Prisma.Sql {
  if (terms.length === 0) return Prisma.sql`1`;
  // Listed apart rather than tested on "bodySize": rows the index rules out are then never read.
  const unindexed = column === "text" ? Prisma.sql` OR "seq" IN (SELECT "seq" FROM "CaptureSearchUnindexed")` : Prisma.empty;
  return Prisma.sql`("seq" IN (SELECT "rowid" FROM "CaptureSearch" WHERE "CaptureSearch" MATCH ${`${column} : (${terms.join(" AND ")})`})${unindexed})`;
}

/** Advances the capture counter by `n` and answers its new value: the last `seq` of the batch. */
export function nextSeq(n: number): Prisma.Sql {
  return Prisma.sql`UPDATE "Counter" SET "value" = "value" + ${n} WHERE "name" = 'capture' RETURNING "value"`;
}

/**
 * One INSERT for a batch of captures, carrying the `seq` each row took from nextSeq; rows whose bin is
 * gone are skipped (binsOf then tells which). Values are written in the forms Prisma itself uses, so
 * Prisma reads them back as if it had written them.
 */
export function insertCaptures(rows: StoredCapture[]): Prisma.Sql {
  const values = rows.map((r) => {
    // Prisma's SQLite adapter stores DateTime as ISO 8601 with an explicit +00:00 offset.
    const receivedAt = r.receivedAt.toISOString().replace("Z", "+00:00");
    return Prisma.sql`(${r.id}, ${r.seq}, ${r.binId}, ${r.method}, ${r.path}, ${r.query}, ${JSON.stringify(r.headers)}, ${r.body}, ${r.bodySize},
      ${r.contentType}, ${r.remoteAddress}, ${r.httpVersion}, ${receivedAt}, ${JSON.stringify(r.response)}, ${r.response.status}, ${r.deliveryId}, ${r.bodySha256}, ${r.duplicateOf})`;
  });
  // A VALUES subquery names its columns column1, column2, …: the third is binId.
  return Prisma.sql`INSERT INTO "Capture" ${CAPTURE_COLUMNS} SELECT * FROM (VALUES ${Prisma.join(values)})
    WHERE EXISTS (SELECT 1 FROM "Bin" WHERE "Bin"."id" = "column3")`;
}

/** Which of a batch's bins still exist. */
export function binsOf(rows: StoredCapture[]): Prisma.Sql {
  return Prisma.sql`SELECT "id" FROM "Bin" WHERE "id" IN (${Prisma.join([...new Set(rows.map((r) => r.binId))])})`;
}
