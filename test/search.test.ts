import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startPostgres, type TestPostgres } from "./helpers/postgres.ts";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";
import { until } from "./helpers/target.ts";
import { migrate } from "../lib/store/db.ts";
import { wordTerms } from "../lib/store/sqlite/search-words.ts";

// The list's text search and header filter go through an index (SQLite: words, indexed a moment after
// the INSERT, what it has not reached scanned; PostgreSQL: pg_trgm); whatever the index holds, they
// must answer exactly what the plain scan they replace answers. The scan below is that query, run on
// the server's own database file.

const SCAN_Q = `SELECT "id" FROM "Capture" WHERE "binId" = @bin AND (instr(lower("path"), lower(@q)) > 0 OR instr(lower("query"), lower(@q)) > 0
  OR instr("body", CAST(@q AS BLOB)) > 0 OR instr(lower(CAST("body" AS TEXT)), lower(@q)) > 0) ORDER BY "seq" DESC`;
const SCAN_HEADER = `SELECT "id" FROM "Capture" WHERE "binId" = @bin AND EXISTS (SELECT 1 FROM json_each("Capture"."headers") h
  WHERE lower(json_extract(h.value, '$[0]')) = lower(@name) AND instr(lower(json_extract(h.value, '$[1]')), lower(@value)) > 0) ORDER BY "seq" DESC`;

// Bytes that are not UTF-8 (and no NUL), ahead of text in a binary body.
const NOISE = Buffer.from(Array.from({ length: 127 }, (_, i) => 0x80 + i));

const PG_SCAN_Q = `SELECT "id" FROM "Capture" WHERE "binId" = $2 AND (strpos(lower("path"), lower($1)) > 0 OR strpos(lower("query"), lower($1)) > 0
  OR position(convert_to($1, 'UTF8') in "body") > 0 OR strpos(lower(encode("body", 'escape')), lower(encode(convert_to($1, 'UTF8'), 'escape'))) > 0) ORDER BY "seq" DESC`;
const PG_SCAN_HEADER = `SELECT "id" FROM "Capture" WHERE "binId" = $3 AND EXISTS (SELECT 1 FROM jsonb_array_elements("Capture"."headers") h
  WHERE lower(h->>0) = lower($1) AND strpos(lower(h->>1), lower($2)) > 0) ORDER BY "seq" DESC`;

const corpus: { path: string; headers: [string, string][]; body: Buffer }[] = [
  { path: "/café?lang=fr", headers: [["X-Note", "Crème brûlée"]], body: Buffer.from('{"dish":"CRÈME BRÛLÉE","city":"Zürich"}') },
  { path: "/Cafe/ÉCOLE", headers: [["X-Note", "plain"]], body: Buffer.from("École normale, naïve façade") },
  { path: "/emoji", headers: [["X-Mood", "😀 happy"]], body: Buffer.from('{"mood":"😀🎉","text":"party time"}') },
  { path: "/nul", headers: [["Content-Type", "application/octet-stream"]], body: Buffer.concat([Buffer.from("before NUL "), Buffer.from([0]), Buffer.from(" After NUL needle")]) },
  { path: "/binary", headers: [["X-Quote", 'say "hi" \\ there']], body: Buffer.concat([NOISE, Buffer.from([0xe2, 0x82]), Buffer.from("Needle in bytes"), Buffer.from([0xff, 0xfe, 0x00]), randomBytes(64), Buffer.from("needle past the NUL")]) },
  { path: "/json", headers: [["X-GitHub-Event", "push"], ["x-github-event", "ping"]], body: Buffer.from('{"percent":"100%","under_score":"a_b","back\\\\slash":"c:\\\\dir"}') },
  { path: "/upper?Q=NEEDLE", headers: [["X-Note", "NEEDLE upper"]], body: Buffer.from("HAYSTACK WITH A NEEDLE") },
  { path: "/latin1", headers: [], body: Buffer.from("caf\xe9 latin-1 bytes", "latin1") },
  // Too large for the index (INDEXED_BODY_BYTES): searched by scan, its needle deep inside.
  { path: "/large", headers: [["X-Note", "large"]], body: Buffer.concat([Buffer.alloc(20_000, "abc "), Buffer.from("a deep needle"), NOISE]) },
];

// Single words (scanned), and words the index looks up: whole between separators, or the start of one at the end.
const needles = ["needle", "NEEDLE", "café", "CAFÉ", "école", "ÉCOLE", "Zürich", "zÜrich", "😀", "😀🎉", "party", "NUL", "after nul", "bytes",
  "100%", "%", "a_b", "_", "\\", "c:\\\\dir", '"mood"', "é", "ca", "fr", "lang=fr", "xyz-absent", "caf\ufffd", "in bytes",
  " NUL needle", "NUL nee", "a deep needle", "A DEEP NEE", "Needle in bytes", "n bytes", "past the NUL", '"city":"Zürich"', "normale, naïve façade",
  '":"CRÈME BRÛLÉE","', "party time", " time", "-absent word", "/ÉCOLE", "dish\":", "WITH A NEEDLE", "with a needles", "e in bytes", "ore NUL Aft"];
const headerFilters: [string, string][] = [["x-note", "crème"], ["X-NOTE", "BRÛLÉE"], ["x-note", ""], ["x-mood", "😀"], ["x-quote", '"hi"'],
  ["x-quote", "\\"], ["x-github-event", "pin"], ["X-GitHub-Event", "push"], ["content-type", "octet"], ["x-absent", ""], ["x-note", "upp"],
  ["content-type", "application/octet"], ["x-note", "NEEDLE upp"], ["X-Note", " brûlée"], ["x-github", ""], ["github-event", ""], ["x-mood", " happy"]];

let server: TestServer;
let binId: string;
let other: string;
// Each bin's manage key, for the deletions.
const created = new Map<string, { manageKey: string }>();
async function newBin(): Promise<string> {
  const bin = await createBin(server);
  created.set(bin.id, bin);
  return bin.id;
}

async function send(bin: string, i: number) {
  const c = corpus[i % corpus.length];
  // Header values go on the wire as their UTF-8 bytes (Node's client takes them as latin1 strings).
  const headers = c.headers.map(([n, v]): [string, string] => [n, Buffer.from(v).toString("latin1")]);
  const res = await rawRequest(`${server.url}/b/${bin}`, { method: "POST", path: `/b/${bin}${encodeURI(c.path)}`, headers, body: c.body });
  expect(res.status).toBe(200);
}

/** The scan, run on the database itself: the ids matching a text search, and a header filter. */
type Scan = { text: (q: string) => Promise<string[]>; header: (name: string, value: string) => Promise<string[]> };

async function expectSameAs(scan: Scan) {
  const listed = async (filter: string) =>
    (await getJson(`${server.url}/api/bins/${binId}/requests?limit=200&${filter}`)).body.items.map((c: any) => c.id);
  for (const q of needles) {
    expect({ q, ids: await listed(`q=${encodeURIComponent(q)}`) }).toEqual({ q, ids: await scan.text(q) });
  }
  for (const [name, value] of headerFilters) {
    expect({ name, value, ids: await listed(`header=${encodeURIComponent(`${name}: ${value}`)}`) }).toEqual({ name, value, ids: await scan.header(name, value) });
  }
}

async function expectSameAsScan() {
  const sqlite = new Database(server.dbFile, { readonly: true });
  const ids = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id);
  try {
    await expectSameAs({
      text: async (q) => ids(sqlite.prepare(SCAN_Q).all({ q, bin: binId })),
      header: async (name, value) => ids(sqlite.prepare(SCAN_HEADER).all({ name, value, bin: binId })),
    });
  } finally {
    sqlite.close();
  }
}

/** The seq of `bin`'s first capture once the word index has reached it ("search" counter), else null. */
function indexedSeq(sqlite: Database.Database, bin: string): number | null {
  const row = sqlite.prepare(`SELECT "seq" FROM "Capture" WHERE "binId" = ? AND "seq" <= (SELECT "value" FROM "Counter" WHERE "name" = 'search') ORDER BY "seq" LIMIT 1`).get(bin) as
    | { seq: number }
    | undefined;
  return row ? Number(row.seq) : null;
}

describe("text search and header filter through SQLite's word index", () => {
  beforeAll(async () => {
    server = await startServer();
    binId = await newBin();
    other = await newBin();
    for (let i = 0; i < corpus.length * 3; i++) {
      await send(binId, i);
      await send(other, i);
    }
  });
  afterAll(() => server.stop());

  it("finds exactly what the scan finds", async () => {
    await expectSameAsScan();
    // Sanity: the corpus does exercise matches, in both directions of case and past a NUL byte.
    const found = await getJson(`${server.url}/api/bins/${binId}/requests?limit=200&q=needle`);
    expect(found.body.items.length).toBe(12);
  });

  it("stays exact after deletions, which leave the index in the same statement", async () => {
    const page = await getJson(`${server.url}/api/bins/${binId}/requests?limit=5`);
    for (const c of page.body.items) expect((await fetch(`${server.url}/api/bins/${binId}/requests/${c.id}`, { method: "DELETE", headers: manage(created.get(binId)!) })).status).toBe(204);
    expect((await fetch(`${server.url}/api/bins/${other}`, { method: "DELETE", headers: manage(created.get(other)!) })).status).toBe(204);
    for (let i = 0; i < corpus.length; i++) await send(binId, i);
    await expectSameAsScan();
    const sqlite = new Database(server.dbFile, { readonly: true });
    try {
      // Deleted captures leave the index too, not just the results: every indexed row is a capture.
      const stale = sqlite.prepare(`SELECT "rowid" FROM "CaptureSearch" WHERE "CaptureSearch" MATCH 'text : "needle" OR headers : "note"'
        EXCEPT SELECT "seq" FROM "Capture"`);
      expect(stale.all()).toEqual([]);
      expect(sqlite.prepare(`SELECT "seq" FROM "CaptureSearchUnindexed" EXCEPT SELECT "seq" FROM "Capture"`).all()).toEqual([]);
    } finally {
      sqlite.close();
    }
  });

  it("narrows through the index: a capture missing from it is not found by its words, only by a scan", async () => {
    const bin = await newBin();
    expect((await rawRequest(`${server.url}/b/${bin}`, { method: "POST", path: `/b/${bin}/lost`, body: "a lost needle here" })).status).toBe(200);
    const search = async (q: string) => (await getJson(`${server.url}/api/bins/${bin}/requests?q=${encodeURIComponent(q)}`)).body.items.length;
    expect([await search("lost needle here"), await search("needle")]).toEqual([1, 1]);
    // The server holds a lock beside the file, not the file itself: another connection can write to it.
    const sqlite = new Database(server.dbFile);
    try {
      const seq = await until(() => indexedSeq(sqlite, bin), 10_000, "the word index to reach the capture");
      sqlite.prepare(`DELETE FROM "CaptureSearch" WHERE "rowid" = ?`).run(seq);
    } finally {
      sqlite.close();
    }
    // "needle" is looked up whole, "her" as the start of a word; a single word may be part of a longer one, so it is scanned.
    expect([await search("lost needle her"), await search("needle")]).toEqual([0, 1]);
  });

  it("finds a capture the index has not reached by scanning it, and the index reaches it with the next run", async () => {
    const bin = await newBin();
    expect((await rawRequest(`${server.url}/b/${bin}`, { method: "POST", path: `/b/${bin}/late`, body: "a late needle here" })).status).toBe(200);
    const search = async (q: string) => (await getJson(`${server.url}/api/bins/${bin}/requests?q=${encodeURIComponent(q)}`)).body.items.length;
    const sqlite = new Database(server.dbFile);
    try {
      // As the index stands between two runs: the capture is stored, the index not there yet. (No run
      // comes until the next capture is stored.)
      const seq = await until(() => indexedSeq(sqlite, bin), 10_000, "the word index to reach the capture");
      sqlite.prepare(`DELETE FROM "CaptureSearch" WHERE "rowid" = ?`).run(seq);
      sqlite.prepare(`UPDATE "Counter" SET "value" = ? WHERE "name" = 'search'`).run(seq - 1);
      expect([await search("late needle her"), await search(" needle here")]).toEqual([1, 1]);
      expect((await rawRequest(`${server.url}/b/${bin}`, { method: "POST", path: `/b/${bin}/next`, body: "next" })).status).toBe(200);
      await until(() => indexedSeq(sqlite, bin), 10_000, "the next run to index the capture again");
      const indexed = sqlite.prepare(`SELECT "rowid" FROM "CaptureSearch" WHERE "CaptureSearch" MATCH 'text : "late"'`).all() as { rowid: number }[];
      expect(indexed.map((r) => Number(r.rowid))).toEqual([seq]);
    } finally {
      sqlite.close();
    }
    expect(await search("late needle her")).toBe(1);
  });

  it("finds exactly what the scan finds right after each of two floods", async () => {
    const flood = await newBin();
    // Concurrent senders: the writer stores them in batches, as it would a provider's burst.
    const send300 = (from: number) =>
      Promise.all(
        Array.from({ length: 300 }, async (_, k) => {
          const i = from + k;
          const body = Buffer.concat([corpus[i % corpus.length].body, Buffer.from(` flood-${i} word${i % 7} ${randomBytes(16).toString("hex")}`)]);
          expect((await rawRequest(`${server.url}/b/${flood}`, { method: "POST", path: `/b/${flood}/f${i}?n=${i}`, body })).status).toBe(200);
        }),
      );
    const sqlite = new Database(server.dbFile, { readonly: true });
    const ids = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id);
    const floodNeedles = ["flood-599", "flood-12 ", " word3 ", "d-1", "-42 word", "needle flood-4", "f599?n=599", "n=5"];
    const compare = async () => {
      // Both read one committed state: nothing is sent while they run.
      for (const q of floodNeedles) {
        const listed = (await getJson(`${server.url}/api/bins/${flood}/requests?limit=200&q=${encodeURIComponent(q)}`)).body.items.map((c: any) => c.id);
        expect({ q, ids: listed }).toEqual({ q, ids: ids(sqlite.prepare(SCAN_Q).all({ q, bin: flood })) });
      }
    };
    try {
      await send300(0);
      await compare();
      await send300(300);
      await compare();
      expect(ids(sqlite.prepare(SCAN_Q).all({ q: "flood-599", bin: flood }))).toHaveLength(1);
    } finally {
      sqlite.close();
    }
  });
});

describe("captures a crash left out of the word index", () => {
  it("are indexed by the next start, with no capture sent to set it off, and found meanwhile", async () => {
    let crashed = await startServer();
    const bin = await createBin(crashed);
    for (let i = 0; i < 20; i++) expect((await rawRequest(`${crashed.url}/b/${bin.id}`, { method: "POST", path: `/b/${bin.id}/c${i}`, body: `crash-${i} tail` })).status).toBe(200);
    const dbFile = crashed.dbFile;
    const counters = (sqlite: Database.Database) =>
      Object.fromEntries((sqlite.prepare(`SELECT "name", "value" FROM "Counter"`).all() as { name: string; value: number }[]).map((r) => [r.name, Number(r.value)]));
    let sqlite = new Database(dbFile);
    try {
      await until(() => counters(sqlite).search === counters(sqlite).capture, 10_000, "the word index to catch up");
    } finally {
      sqlite.close();
    }
    crashed.signal("SIGKILL");
    await crashed.exited;
    // As a crash between a batch's commit and the index's next run leaves it: the last ten not indexed.
    sqlite = new Database(dbFile);
    const { capture } = counters(sqlite);
    sqlite.prepare(`DELETE FROM "CaptureSearch" WHERE "rowid" > ?`).run(capture - 10);
    sqlite.prepare(`UPDATE "Counter" SET "value" = ? WHERE "name" = 'search'`).run(capture - 10);
    sqlite.close();

    crashed = await startServer({}, dbFile);
    sqlite = new Database(dbFile, { readonly: true });
    try {
      const found = async (q: string) => (await getJson(`${crashed.url}/api/bins/${bin.id}/requests?limit=50&q=${encodeURIComponent(q)}`)).body.items.length;
      expect(await found("-19 tail")).toBe(1);
      await until(() => counters(sqlite).search === capture, 10_000, "the restarted server to index the tail");
      expect(sqlite.prepare(`SELECT count(*) AS n FROM "CaptureSearch" WHERE "CaptureSearch" MATCH 'text : "tail"'`).get()).toEqual({ n: 20 });
      expect([await found("-19 tail"), await found(" tail")]).toEqual([1, 20]);
    } finally {
      sqlite.close();
      await crashed.stop();
    }
  });
});

describe("captures stored before the word index", () => {
  it("are found by their words once the server has upgraded the database, a body too large to index by scan", async () => {
    const PRISMA = path.resolve(import.meta.dirname, "../prisma");
    const migrations = readdirSync(path.join(PRISMA, "migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const dir = mkdtempSync(path.join(tmpdir(), "hookjar-before-words-"));
    for (const name of migrations.slice(0, migrations.findIndex((n) => n.endsWith("_search_words")))) {
      cpSync(path.join(PRISMA, "migrations", name), path.join(dir, "migrations", name), { recursive: true });
    }
    const dbFile = path.join(dir, "hookjar.db");
    await migrate(`file:${dbFile}`, dir);
    const db = new Database(dbFile);
    const bin = "OldBin0000000000000002";
    db.prepare(`INSERT INTO "Bin" ("id", "name", "createdAt") VALUES (?, 'old', CURRENT_TIMESTAMP)`).run(bin);
    const insert = db.prepare(`INSERT INTO "Capture" ("id", "seq", "binId", "method", "path", "query", "headers", "body", "bodySize", "contentType",
      "remoteAddress", "httpVersion", "receivedAt", "response", "responseStatus", "bodySha256") VALUES (?, ?, ?, 'POST', '/old', '', '[["X-Old","yes"]]', ?, ?,
      NULL, '127.0.0.1', '1.1', '2026-12-01T00:00:00.000+00:00', '{"status":200}', 200, '')`);
    const bodies = [Buffer.from("an old needle here"), Buffer.concat([Buffer.alloc(20_000, "x"), Buffer.from(" an old needle deep")])];
    bodies.forEach((body, i) => insert.run(`OldCapture00000000000${i}`, i + 1, bin, body, body.length));
    db.prepare(`UPDATE "Counter" SET "value" = 2 WHERE "name" = 'capture'`).run();
    db.close();

    const upgraded = await startServer({}, dbFile);
    try {
      const found = async (q: string) => (await getJson(`${upgraded.url}/api/bins/${bin}/requests?q=${encodeURIComponent(q)}`)).body.items.map((c: any) => c.id).sort();
      expect(await found("an old needle ")).toEqual(["OldCapture000000000000", "OldCapture000000000001"]);
      expect(await found(" needle here")).toEqual(["OldCapture000000000000"]);
      const header = await getJson(`${upgraded.url}/api/bins/${bin}/requests?header=${encodeURIComponent("X-Old: yes")}`);
      expect(header.body.items).toHaveLength(2);
    } finally {
      await upgraded.stop();
    }
  });
});

describe("the words a search looks up in SQLite's index", () => {
  it("takes only words the search holds whole, and a last word's start", () => {
    expect(wordTerms("needle")).toEqual([]);
    expect(wordTerms("a lost needle her")).toEqual(['"lost"', '"needle"', '"her" *']);
    expect(wordTerms("-12000")).toEqual(['"12000" *']);
    expect(wordTerms("NEEDLE-12000 ")).toEqual(['"12000"']);
    expect(wordTerms("x ab")).toEqual([]);
    expect(wordTerms('":"CRÈME BRÛLÉE","')).toEqual(['"CRÈME"', '"BRÛLÉE"']);
    expect(wordTerms("X-GitHub-Event", true)).toEqual(['"X"', '"GitHub"', '"Event"']);
  });
});

describe("text search and header filter through pg_trgm on PostgreSQL", () => {
  let postgres: TestPostgres;
  let client: pg.Client;
  beforeAll(async () => {
    postgres = await startPostgres();
    postgres.createDatabase("search");
    server = await startServer({ DATABASE_URL: postgres.url("search") });
    binId = await newBin();
    other = await newBin();
    for (let i = 0; i < corpus.length * 2; i++) {
      await send(binId, i);
      await send(other, i);
    }
    client = new pg.Client({ connectionString: postgres.url("search") });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await server.stop();
    postgres.stop();
  });

  it("finds exactly what the scan finds", async () => {
    await expectSameAs({
      text: async (q) => (await client.query(PG_SCAN_Q, [q, binId])).rows.map((r) => r.id),
      header: async (name, value) => (await client.query(PG_SCAN_HEADER, [name, value, binId])).rows.map((r) => r.id),
    });
    // The index is there for the planner to use (on a table this small it would rather scan).
    await client.query("SET enable_seqscan = off");
    const plan = (await client.query(`EXPLAIN SELECT "id" FROM "Capture" WHERE (CASE WHEN "bodySize" <= 16384 THEN lower(encode("body", 'escape')) ELSE '' END) LIKE '%needle past%' OR "bodySize" > 16384`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(plan).toContain("Capture_search_text_idx");
  });
});
