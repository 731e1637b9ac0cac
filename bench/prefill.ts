import { createHash, randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

/**
 * Fills a bin with `n` captures straight through SQL, as the capture writer would have stored them
 * (bodies vary; one in 1,000 carries "needle-" text and an X-Marker header), so benchmarks can start
 * from a large bin without sending it one request at a time. The server must not be writing.
 */
export async function prefill(databaseUrl: string, binId: string, n: number): Promise<void> {
  if (databaseUrl.startsWith("file:")) {
    const sqlite = new Database(databaseUrl.slice("file:".length));
    const [{ v }] = sqlite.prepare(`SELECT "value" AS v FROM "Counter" WHERE "name" = 'capture'`).all() as { v: number }[];
    const insert = sqlite.prepare(`INSERT INTO "Capture" ("id", "seq", "binId", "method", "path", "query", "headers", "body", "bodySize",
      "contentType", "remoteAddress", "httpVersion", "receivedAt", "response", "responseStatus", "bodySha256")
      VALUES (?, ?, ?, 'POST', '/hook', '', ?, ?, ?, 'application/json', '127.0.0.1', '1.1', ?, '{"status":200}', 200, ?)`);
    const receivedAt = new Date().toISOString().replace("Z", "+00:00");
    sqlite.transaction(() => {
      for (let i = 1; i <= n; i++) {
        const marked = i % 1000 === 0;
        const headers = JSON.stringify([["Content-Type", "application/json"], ...(marked ? [["X-Marker", `m${i}`]] : [])]);
        const body = Buffer.from(JSON.stringify({ event: "push", n: i, text: `${marked ? `needle-${i}` : "hay"} ${randomBytes(500).toString("hex")}` }));
        insert.run(`00PREFILL${String(i).padStart(17, "0")}`, v + i, binId, headers, body, body.length, receivedAt, createHash("sha256").update(body).digest("hex"));
      }
      sqlite.prepare(`UPDATE "Counter" SET "value" = "value" + ? WHERE "name" = 'capture'`).run(n);
    })();
    sqlite.close();
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: [{ v }] } = await client.query(`SELECT "value" AS v FROM "Counter" WHERE "name" = 'capture'`);
    await client.query(`INSERT INTO "Capture" ("id", "seq", "binId", "method", "path", "query", "headers", "body", "bodySize",
      "contentType", "remoteAddress", "httpVersion", "receivedAt", "response", "responseStatus", "bodySha256")
      SELECT 'PREFILL' || lpad(i::text, 19, '0'), ${Number(v)} + i, $1, 'POST', '/hook', '',
        CASE WHEN i % 1000 = 0 THEN jsonb_build_array(jsonb_build_array('Content-Type', 'application/json'), jsonb_build_array('X-Marker', 'm' || i)) ELSE '[["Content-Type","application/json"]]'::jsonb END,
        b, length(b), 'application/json', '127.0.0.1', '1.1', now(), '{"status":200}', 200, encode(sha256(b), 'hex')
      FROM (SELECT i, convert_to('{"event":"push","n":' || i || ',"text":"' || CASE WHEN i % 1000 = 0 THEN 'needle-' || i ELSE 'hay' END || ' ' || repeat(md5(i::text), 31) || '"}', 'UTF8') AS b
        FROM generate_series(1, ${n}) AS i) AS g`, [binId]);
    await client.query(`UPDATE "Counter" SET "value" = "value" + ${n} WHERE "name" = 'capture'`);
    // As autovacuum would soon: the planner needs the new rows' statistics to pick the search index,
    // and a vacuum of the bulk load, left to autovacuum, would run during the next measurement.
    await client.query(`VACUUM (ANALYZE) "Capture"`);
  } finally {
    await client.end();
  }
}
