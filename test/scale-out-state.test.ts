import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { SERVER_NODE_FLAGS } from "../scripts/node-flags.mjs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, rawRequest } from "./helpers/http.ts";
import { twoInstances, type TestPostgres } from "./helpers/postgres.ts";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";

// What one instance decides about a delivery must hold for the bin as a whole: instances sharing a
// PostgreSQL database are one Hookjar to the sender, and a SQLite file has exactly one server.

describe("two PostgreSQL instances on one database", () => {
  let postgres: TestPostgres;
  let a: TestServer;
  let b: TestServer;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => void ({ postgres, a, b, stop } = await twoInstances()), 120_000);
  afterAll(() => stop?.());

  const deliver = (server: TestServer, binId: string, delivery: string) =>
    rawRequest(`${server.url}/b/${binId}/github`, {
      method: "POST",
      headers: [["Content-Type", "application/json"], ["X-GitHub-Event", "push"], ["X-GitHub-Delivery", delivery]],
      body: '{"ref":"refs/heads/main"}',
    });

  it("marks one of six concurrent deliveries of one id as the original and the other five as its duplicates", async ({ signal }) => {
    const bin = await createBin(a);
    const delivery = randomUUID();
    // "At once" for the database too: while a transaction of ours holds the table, both instances look
    // for an earlier capture of the delivery and then wait to insert, as with a slow commit.
    const holder = new pg.Client({ connectionString: postgres.url("hookjar") });
    const watcher = new pg.Client({ connectionString: postgres.url("hookjar") });
    await Promise.all([holder.connect(), watcher.connect()]);
    let sending: Promise<Awaited<ReturnType<typeof deliver>>[]>;
    try {
      await holder.query("BEGIN");
      // Reads go on; writes to the table wait.
      await holder.query(`LOCK TABLE "Capture" IN EXCLUSIVE MODE`);
      sending = Promise.all(Array.from({ length: 6 }, (_, i) => deliver(i % 2 ? b : a, bin.id, delivery)));
      // Each instance writes one batch at a time: two sessions waiting on a lock are one of each.
      const waiting = async () =>
        Number((await watcher.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = 'hookjar' AND wait_event_type = 'Lock'`)).rows[0].n);
      // (Should the test time out first, the lock is let go all the same, for the tests after it.)
      while (!signal.aborted && (await waiting()) < 2) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await holder.query("COMMIT");
      await Promise.all([holder.end(), watcher.end()]);
    }
    const answers = await sending;
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const ids = answers.map((r) => JSON.parse(r.body.toString()).id as string);

    const { body } = await getJson(`${a.url}/api/bins/${bin.id}/requests`);
    expect(body.items.map((c: { id: string }) => c.id).toSorted()).toEqual(ids.toSorted());
    expect(body.items.every((c: { deliveryId: string }) => c.deliveryId === delivery)).toBe(true);
    const originals = body.items.filter((c: { duplicateOf: string | null }) => c.duplicateOf === null);
    expect(originals, "captures with duplicateOf: null").toHaveLength(1);
    const duplicates = body.items.filter((c: { id: string }) => c.id !== originals[0].id);
    expect(duplicates.map((c: { duplicateOf: string }) => c.duplicateOf)).toEqual(Array(5).fill(originals[0].id));
  });

  it("fails the first two tries of a delivery under fail_first (count 2), whichever instance each try reaches", async () => {
    const bin = await createBin(a);
    const saved = await fetch(`${a.url}/api/bins/${bin.id}/rules`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...manage(bin) },
      body: JSON.stringify({ rules: [{ name: "flaky", respond: { status: 200, headers: [], body: "ok", delayMs: 0 }, fault: { kind: "fail_first", count: 2 } }] }),
    });
    expect(saved.status).toBe(200);
    const delivery = randomUUID();
    const statuses: number[] = [];
    // One after another, as a provider retries: A, B, A, B, A.
    for (let i = 0; i < 5; i++) statuses.push((await deliver(i % 2 ? b : a, bin.id, delivery)).status);
    expect(statuses).toEqual([503, 503, 200, 200, 200]);
  });
});

/** The server started as startServer does, on `dbFile`, run until it exits or says it is listening. */
function startSecond(dbFile: string): Promise<{ code: number | null; output: string; listened: boolean }> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "dist/server.js"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${dbFile}`, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let listened = false;
  const read = (d: Buffer) => {
    output += d;
    // A second server that starts serving is a failure of its own: stop it (it must not linger on the file).
    if (!listened && /listening on http:/.test(output)) {
      listened = true;
      child.kill("SIGTERM");
    }
  };
  child.stdout.on("data", read);
  child.stderr.on("data", read);
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, output, listened })));
}

describe("a second server on a SQLite file already served", () => {
  let first: TestServer;
  beforeAll(async () => void (first = await startServer()));
  afterAll(() => first?.stop());

  it("exits non-zero with one line saying why, and the first keeps serving", async () => {
    const bin = await createBin(first);
    const second = await startSecond(first.dbFile);
    expect(second.listened, `the second server started serving:\n${second.output}`).toBe(false);
    expect(second.code).not.toBe(0);
    expect(second.code).not.toBeNull();
    expect(second.output).toMatch(/^[^\n]+\n?$/);
    expect(second.output).toContain(path.basename(first.dbFile));
    expect(second.output).toMatch(/in use|locked|another|already/i);

    const res = await rawRequest(`${bin.captureUrl}/still`, { method: "POST", body: "still here" });
    expect(res.status).toBe(200);
    const { id } = JSON.parse(res.body.toString());
    expect((await getJson(`${first.url}/api/bins/${bin.id}/requests/${id}`)).body).toMatchObject({ id, path: "/still" });
  });
});
