import { Prisma, type Attempt } from "../../generated/prisma/client.ts";
import { earlierInBatch } from "../duplicates.ts";
import { ATTEMPT_COLUMNS } from "../stored-attempt.ts";
import { CAPTURE_COLUMNS, type StoredCapture } from "../stored-capture.ts";
import { INDEXED_BODY_BYTES } from "../search-limits.ts";
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

/**
 * Captures the word index finds all of `terms` for in `column`, whose body is too large to be in it,
 * or that it has not reached yet (indexNewCaptures).
 */
function indexCandidates(column: "text" | "headers", terms: string[]): Prisma.Sql {
  if (terms.length === 0) return Prisma.sql`1`;
  // Listed apart rather than tested on "bodySize": rows the index rules out are then never read.
  const unindexed = column === "text" ? Prisma.sql` UNION ALL SELECT "seq" FROM "CaptureSearchUnindexed"` : Prisma.empty;
  // One list, so that SQLite looks its captures up by ("binId", "seq"); an OR of lists (or of a list
  // and a range) made it scan the whole bin instead.
  return Prisma.sql`"seq" IN (SELECT "rowid" FROM "CaptureSearch" WHERE "CaptureSearch" MATCH ${`${column} : (${terms.join(" AND ")})`}${unindexed}
    UNION ALL SELECT "seq" FROM "Capture" WHERE "seq" > ${INDEXED})`;
}

const INDEXED = Prisma.raw(`(SELECT "value" FROM "Counter" WHERE "name" = 'search')`);
// At most this many seqs per run, so that a long tail (after a crash or a flood) holds the capture
// batches up a few ms at a time (about 10 µs a capture, more when FTS5 merges).
const INDEX_RUN = 512;

/**
 * One run of the word index behind the writes (the search_indexed_behind migration): the captures
 * stored since the last run, up to INDEX_RUN of them, go into the index (or onto the list of those
 * too large for it) and the "search" counter moves past them. Its last statement answers how many
 * seqs are still behind.
 */
export function indexNewCaptures(): Prisma.Sql[] {
  const range = Prisma.raw(`"seq" > ${INDEXED.sql} AND "seq" <= ${INDEXED.sql} + ${INDEX_RUN}`);
  return [
    Prisma.sql`INSERT INTO "CaptureSearch" ("rowid", "text", "headers")
      SELECT "seq", "path" || char(10) || "query" || char(10) || (CASE WHEN "bodySize" <= ${INDEXED_BODY_BYTES} THEN CAST("body" AS TEXT) ELSE '' END), "headers"
      FROM "Capture" WHERE ${range}`,
    Prisma.sql`INSERT INTO "CaptureSearchUnindexed" ("seq") SELECT "seq" FROM "Capture" WHERE ${range} AND "bodySize" > ${INDEXED_BODY_BYTES}`,
    Prisma.sql`UPDATE "Counter" SET "value" = min("value" + ${INDEX_RUN}, (SELECT "value" FROM "Counter" WHERE "name" = 'capture')) WHERE "name" = 'search'`,
    indexBehind,
  ];
}

/** How many seqs the word index is behind the captures, as "behind". */
export const indexBehind = Prisma.sql`SELECT (SELECT "value" FROM "Counter" WHERE "name" = 'capture') - ${INDEXED} AS "behind"`;

// Only a batch with delivery ids reads the table it writes, which makes SQLite copy the batch aside first.
const firstDelivery = Prisma.raw(`COALESCE((SELECT "c"."id" FROM "Capture" AS "c"
  WHERE "c"."binId" = "column3" AND "c"."deliveryId" = "column16" ORDER BY "c"."seq" LIMIT 1), "column18")`);

/**
 * One INSERT for a batch of captures, each row taking `seq` = the capture counter + its place in the
 * batch (advanceCounter follows in the same transaction). A row whose bin is gone is skipped. Repeat
 * deliveries are marked with the bin's first stored capture of the id, else the batch's own first:
 * the statement reads the table it writes, so SQLite evaluates its SELECT before inserting, and the
 * lookup sees only what was committed before. Answers each stored row's id, `seq` and `duplicateOf`.
 * Values are written in the forms Prisma itself uses, so Prisma reads them back as if it had written them.
 */
export function insertCaptures(rows: StoredCapture[]): Prisma.Sql {
  const earlier = earlierInBatch(rows);
  const values = rows.map(
    (r, i) => Prisma.sql`(${r.id}, ${i + 1}, ${r.binId}, ${r.method}, ${r.path}, ${r.query}, ${JSON.stringify(r.headers)}, ${r.body}, ${r.bodySize},
      ${r.contentType}, ${r.remoteAddress}, ${r.httpVersion}, ${dateTime(r.receivedAt)}, ${JSON.stringify(r.response)}, ${r.response.status}, ${r.deliveryId}, ${r.bodySha256}, ${earlier[i]})`,
  );
  // A VALUES subquery names its columns column1, column2, …, in CAPTURE_COLUMNS' order.
  return Prisma.sql`INSERT INTO "Capture" ${CAPTURE_COLUMNS}
    SELECT "column1", (SELECT "value" FROM "Counter" WHERE "name" = 'capture') + "column2", "column3", "column4", "column5", "column6", "column7",
      "column8", "column9", "column10", "column11", "column12", "column13", "column14", "column15", "column16", "column17",
      ${rows.some((r) => r.deliveryId !== null) ? firstDelivery : Prisma.raw("NULL")}
    FROM (VALUES ${Prisma.join(values)}) WHERE EXISTS (SELECT 1 FROM "Bin" WHERE "Bin"."id" = "column3")
    RETURNING "id", "seq", "duplicateOf"`;
}

/** Moves the capture counter past a batch of `n`, in the INSERT's transaction. */
export function advanceCounter(n: number): Prisma.Sql {
  return Prisma.sql`UPDATE "Counter" SET "value" = "value" + ${n} WHERE "name" = 'capture'`;
}

/**
 * One INSERT for a batch of attempts; one whose capture is gone is skipped. Answers each stored
 * one's id and its capture's bin (for the change it announces).
 */
export function insertAttempts(rows: Attempt[]): Prisma.Sql {
  const values = rows.map(
    (a) => Prisma.sql`(${a.id}, ${a.captureId}, ${a.kind}, ${a.method}, ${a.url}, ${JSON.stringify(a.requestHeaders)}, ${a.requestBody},
      ${a.status}, ${a.error}, ${a.durationMs}, ${dateTime(a.createdAt)}, ${a.replayId}, ${a.forwardTry})`,
  );
  return Prisma.sql`INSERT INTO "Attempt" ${ATTEMPT_COLUMNS}
    SELECT * FROM (VALUES ${Prisma.join(values)}) WHERE EXISTS (SELECT 1 FROM "Capture" WHERE "Capture"."id" = "column2")
    RETURNING "id", (SELECT "binId" FROM "Capture" WHERE "Capture"."id" = "captureId") AS "binId"`;
}

/** A DateTime as Prisma's SQLite adapter stores it: ISO 8601 with an explicit +00:00 offset. */
function dateTime(d: Date): string {
  // Made once per millisecond: a flood's batch holds several captures of each.
  const ms = d.getTime();
  if (ms !== lastDate.ms) lastDate = { ms, text: d.toISOString().replace("Z", "+00:00") };
  return lastDate.text;
}
let lastDate = { ms: NaN, text: "" };
