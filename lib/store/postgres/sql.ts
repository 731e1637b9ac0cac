import { Prisma, type Attempt } from "../../generated/prisma/client.ts";
import { INDEXED_BODY_BYTES } from "../search-limits.ts";
import { ATTEMPT_COLUMNS } from "../stored-attempt.ts";
import { CAPTURE_COLUMNS, type StoredCapture } from "../stored-capture.ts";

/**
 * The list's text search: path and query in any case; the body as bytes, so binary bodies neither
 * break the query nor hide text inside them, ignoring the case of ASCII letters. Trigram indexes
 * narrow the rows down first (see the search_index migration); these conditions decide.
 */
export function searchCondition(q: string): Prisma.Sql {
  // Both sides are lowered by the database itself, so its idea of case applies to both alike.
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

/** A header named `name` (any case) whose value contains `value` (any case; "" matches all). */
export function headerCondition(name: string, value: string): Prisma.Sql {
  // Headers are stored as JSON text: the index can only find names and values JSON leaves as they are.
  const literal = [name, value].filter((s) => JSON.stringify(s) === `"${s}"`);
  const candidates = literal.map((s) => Prisma.sql`lower("headers"::text) LIKE ${containing(Prisma.sql`lower(${s})`)}`);
  return Prisma.sql`(${Prisma.join([...candidates, Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements("Capture"."headers") h
    WHERE lower(h->>0) = lower(${name}) AND strpos(lower(h->>1), lower(${value})) > 0)`], " AND ")})`;
}

/** A LIKE pattern for text containing the value of `text` (LIKE's escape is a backslash). */
function containing(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`'%' || replace(replace(replace(${text}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
}

/**
 * One statement for a batch of captures: it advances the capture counter and inserts the rows (row i
 * of n takes `seq` = counter − (n − 1 − i)); the counter's row lock, held to commit, makes instances
 * take their `seq` ranges in commit order. Answers the rows' `seq`. Raw SQL through Prisma skips its
 * query compiler; values are written in the forms Prisma itself uses.
 */
export function insertCaptures(rows: StoredCapture[]): Prisma.Sql {
  const counter = Prisma.sql`(SELECT "value" FROM "counter")`;
  const values = rows.map(
    (r, i) => Prisma.sql`(${r.id}, ${counter} - ${rows.length - 1 - i}, ${r.binId}, ${r.method}, ${r.path}, ${r.query}, CAST(${JSON.stringify(r.headers)} AS jsonb),
      ${r.body}, ${r.bodySize}, ${r.contentType}, ${r.remoteAddress}, ${r.httpVersion}, ${r.receivedAt}, CAST(${JSON.stringify(r.response)} AS jsonb),
      ${r.response.status}, ${r.deliveryId}, ${r.bodySha256}, ${r.duplicateOf})`,
  );
  return Prisma.sql`WITH "counter" AS (UPDATE "Counter" SET "value" = "value" + ${rows.length} WHERE "name" = 'capture' RETURNING "value")
    INSERT INTO "Capture" ${CAPTURE_COLUMNS} VALUES ${Prisma.join(values)} RETURNING "seq"`;
}

/**
 * Takes a transaction-long lock on each key, in one order for every instance (so two batches never
 * wait on each other in a circle). Another instance's batch holding one of these keys commits first.
 */
export function lockKeys(keys: string[]): Prisma.Sql {
  const values = Prisma.join(keys.map((k) => Prisma.sql`(${k})`));
  return Prisma.sql`SELECT count(pg_advisory_xact_lock("h")) AS "n" FROM
    (SELECT DISTINCT hashtextextended("k", 0) AS "h" FROM (VALUES ${values}) AS "v"("k") ORDER BY "h") AS "ordered"`;
}

/**
 * One INSERT for a batch of attempts; one whose capture is gone is skipped. Answers each stored
 * one's id and its capture's bin (for the change it announces). Selected from VALUES, whose columns
 * take no type from the table: each value says its own.
 */
export function insertAttempts(rows: Attempt[]): Prisma.Sql {
  const values = rows.map(
    (a) => Prisma.sql`(${a.id}, ${a.captureId}, ${a.kind}, ${a.method}, ${a.url}, CAST(${JSON.stringify(a.requestHeaders)} AS jsonb), CAST(${a.requestBody} AS bytea),
      CAST(${a.status} AS integer), CAST(${a.error} AS text), CAST(${a.durationMs} AS integer), CAST(${a.createdAt} AS timestamp(3)), CAST(${a.replayId} AS text), CAST(${a.forwardTry} AS integer))`,
  );
  return Prisma.sql`INSERT INTO "Attempt" ${ATTEMPT_COLUMNS}
    SELECT * FROM (VALUES ${Prisma.join(values)}) AS "v" WHERE EXISTS (SELECT 1 FROM "Capture" WHERE "Capture"."id" = "v"."column2")
    RETURNING "id", (SELECT "binId" FROM "Capture" WHERE "Capture"."id" = "Attempt"."captureId") AS "binId"`;
}
