import { existsSync, readdirSync } from "node:fs";
import { FAKETIME } from "../scripts/test-prerequisites.mjs";
import { io, type Socket } from "socket.io-client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type TestPostgres } from "./helpers/postgres.ts";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";
import { installRelay, runCli, type Cli } from "./helpers/cli.ts";
import { startEcho, startProxy, until, type Echo } from "./helpers/target.ts";
import { resendAcrossDeletion } from "./helpers/attempts.ts";

// PostgreSQL is the scale-out database: two instances on one database share data and live streams.
let postgres: TestPostgres;
let a: TestServer;
let b: TestServer;
let skewed: TestServer;
let echo: Echo;
let relay: Cli | undefined;
let socket: Socket;

// Debian's libfaketime (`apt-get install faketime`) sets a process's wall clock back without
// touching the code: the clock skew between two real machines, on one.
function slowClock(seconds: number): Record<string, string> {
  if (!existsSync(FAKETIME)) throw new Error(`${FAKETIME} is missing: apt-get install -y faketime`);
  return { LD_PRELOAD: FAKETIME, FAKETIME: `-${seconds}`, FAKETIME_DONT_FAKE_MONOTONIC: "1" };
}

beforeAll(async () => {
  postgres = await startPostgres();
  postgres.createDatabase("hookjar");
  const env = { DATABASE_URL: postgres.url("hookjar") };
  // Started together: the migration lock must let exactly one of them apply the schema.
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
  [skewed, echo] = await Promise.all([startServer({ ...env, ...slowClock(120) }), startEcho(), installRelay()]);
}, 120_000);

afterAll(async () => {
  socket?.close();
  relay?.child.kill("SIGTERM");
  await Promise.all([a?.stop(), b?.stop(), skewed?.stop(), echo?.close(), relay?.exited]);
  postgres?.stop();
});

describe("PostgreSQL, two instances", () => {
  it("applies each migration once, recorded as Prisma records it", async () => {
    const client = new pg.Client({ connectionString: postgres.url("hookjar") });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
    await client.end();
    const files = readdirSync("prisma/postgres/migrations", { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(rows.map((r) => r.migration_name)).toEqual(files);
    expect(rows[0].migration_name).toMatch(/^\d{14}_init$/);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].finished_at).toBeInstanceOf(Date);
  });

  it("streams a capture taken by one instance to a subscriber of the other", async () => {
    const bin = await createBin(a);
    socket = io(b.url, { transports: ["websocket"], forceNew: true });
    const events: any[] = [];
    socket.on("capture:new", (e) => events.push(e));
    expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: true });

    const sent = await rawRequest(`${a.url}/b/${bin.id}/cross?n=1`, { method: "POST", body: "hello" });
    const { id } = JSON.parse(sent.body.toString());
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(1);
    expect(events[0]).toMatchObject({ id, binId: bin.id, path: "/cross", query: "n=1" });
    expect((await getJson(`${b.url}/api/bins/${bin.id}/requests/${id}`)).body.body).toEqual({ encoding: "utf8", data: "hello" });
  });

  it("keeps bytes, header order and filters working on PostgreSQL", async () => {
    const bin = await createBin(b);
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const binary = await rawRequest(`${b.url}/b/${bin.id}/bytes`, { method: "PUT", headers: [["X-B", "1"], ["x-a", "2"], ["X-B", "3"]], body: bytes });
    const rid = JSON.parse(binary.body.toString()).id;
    const body = Buffer.from(await (await fetch(`${a.url}/api/bins/${bin.id}/requests/${rid}/body`)).arrayBuffer());
    expect(body.equals(bytes)).toBe(true);
    const capture = (await getJson(`${a.url}/api/bins/${bin.id}/requests/${rid}`)).body;
    // Stored as UTC and read back as the moment it was received (a time zone slip would be hours off).
    expect(Math.abs(Date.parse(capture.receivedAt) - Date.now())).toBeLessThan(60_000);
    expect(capture.headers.filter(([n]: [string]) => /^x-/i.test(n))).toEqual([["X-B", "1"], ["x-a", "2"], ["X-B", "3"]]);
    // A resend is kept as an attempt; the export reads attempts its own way, a page at a time: the same capture.
    const resent = await fetch(`${a.url}/api/resend`, {
      method: "POST",
      headers: { "content-type": "application/json", ...manage(bin) },
      body: JSON.stringify({ method: "PUT", url: `${echo.url}/again`, headers: [], captureId: rid }),
    });
    expect(resent.status).toBe(200);
    const [exported] = (await getJson(`${b.url}/api/bins/${bin.id}/export?format=json`)).body;
    expect(exported.attempts).toMatchObject([{ kind: "resend", status: 201, url: `${echo.url}/again` }]);
    // Written by the store's own INSERT: stored as UTC and read back as the moment it was sent.
    expect(Math.abs(Date.parse(exported.attempts[0].createdAt) - Date.now())).toBeLessThan(60_000);
    expect(exported).toEqual((await getJson(`${a.url}/api/bins/${bin.id}/requests/${rid}`)).body);

    await rawRequest(`${b.url}/b/${bin.id}/stripe`, { method: "POST", headers: [["Stripe-Signature", "v1=abc"]], body: '{"type":"Invoice.paid"}' });
    const list = async (q: string) => (await getJson(`${a.url}/api/bins/${bin.id}/requests?${q}`)).body.items.map((c: any) => c.path);
    expect(await list("q=invoice")).toEqual(["/stripe"]);
    await rawRequest(`${b.url}/b/${bin.id}/accents`, { method: "POST", body: "Éclair au café" });
    expect(await list("q=%C3%89CLAIR")).toEqual(["/accents"]);
    expect(await list("header=stripe-signature:V1=ABC")).toEqual(["/stripe"]);
    expect(await list("method=PUT")).toEqual(["/bytes"]);
    expect(await list("limit=1")).toEqual(["/accents"]);
  });

  it("answers resends whose capture was deleted on their way, and keeps the attempts that finished with them", () => resendAcrossDeletion(a));

  it("answers 404 to captures of a bin another instance has just deleted, and stores the others of their batch", async () => {
    const [gone, kept] = await Promise.all([createBin(a), createBin(a)]);
    // Captured once through b, the bin stays in b's short-lived cache: its next captures reach the
    // INSERT, where the database refuses them (foreign key) after a deleted it.
    expect((await rawRequest(`${b.url}/b/${gone.id}/first`, { method: "POST", body: "first" })).status).toBe(200);
    expect((await fetch(`${a.url}/api/bins/${gone.id}`, { method: "DELETE", headers: manage(gone) })).status).toBe(204);
    const sent = await Promise.all(
      Array.from({ length: 10 }, (_, i) => rawRequest(`${b.url}/b/${(i % 2 ? gone : kept).id}/n${i}`, { method: "POST", body: `n${i}` })),
    );
    sent.forEach((res, i) => {
      expect(res.status).toBe(i % 2 ? 404 : 200);
      if (i % 2) expect(JSON.parse(res.body.toString()).error).toBe("bin_not_found");
    });
    const stored = (await getJson(`${a.url}/api/bins/${kept.id}/requests`)).body.items.map((c: { path: string }) => c.path);
    expect(stored.sort()).toEqual(["/n0", "/n2", "/n4", "/n6", "/n8"]);
  });

  it("answers 500 to captures held up by a lock nobody releases, within the lock timeout, and stores again once it is released", async () => {
    const bin = await createBin(a);
    const holder = new pg.Client({ connectionString: postgres.url("hookjar") });
    await holder.connect();
    try {
      // A transaction elsewhere that holds the capture counter's row and does not end.
      await holder.query(`BEGIN; SELECT "value" FROM "Counter" WHERE "name" = 'capture' FOR UPDATE`);
      // Answered after the 5 s lock timeout; without it the sender waits past this test's own timeout.
      const held = await rawRequest(`${a.url}/b/${bin.id}/held`, { method: "POST", body: "held" });
      expect(held.status).toBe(500);
      expect(JSON.parse(held.body.toString()).error).toBe("internal_error");
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    expect((await rawRequest(`${a.url}/b/${bin.id}/after`, { method: "POST", body: "after" })).status).toBe(200);
    expect((await getJson(`${a.url}/api/bins/${bin.id}/requests`)).body.items.map((c: { path: string }) => c.path)).toEqual(["/after"]);
  }, 30_000);

  it("misses nothing after a reconnect when another instance's clock is behind (commit order, not ids)", async () => {
    const bin = await createBin(a);
    const proxy = await startProxy(a.port);
    relay = runCli(["relay", `${proxy.url}/b/${bin.id}`, "--to", `${echo.url}/skew`]);
    await until(() => relay!.output().includes("Relaying"), 20_000, `the relay to subscribe:\n${relay!.output()}`);
    const send = async (server: TestServer, name: string) =>
      JSON.parse((await rawRequest(`${server.url}/b/${bin.id}/${name}`, { method: "POST", headers: [["Content-Length", "1"]], body: "x" })).body.toString()).id as string;

    const first = await send(a, "first");
    await until(() => echo.received.some((r) => r.url === "/skew/first"), 10_000, "the first delivery");
    await proxy.cut();
    await until(() => relay!.output().includes("disconnected"), 10_000, "the disconnect");
    // Committed after `first`, by an instance whose clock runs two minutes behind: older ids.
    const late = [await send(skewed, "late-1"), await send(skewed, "late-2")];
    for (const id of late) expect(id < first).toBe(true);
    await send(a, "late-3");

    await proxy.restore();
    await until(() => relay!.output().includes("reconnected"), 20_000, `the reconnect:\n${relay!.output()}`);
    await until(() => echo.received.some((r) => r.url === "/skew/late-3"), 10_000, `the catch-up:\n${relay!.output()}`);
    // The relay delivers one capture after another: once a live capture sent after the catch-up has
    // arrived, anything the catch-up would deliver twice has arrived before it.
    await send(a, "after");
    await until(() => echo.received.some((r) => r.url === "/skew/after"), 10_000, `the live delivery after the catch-up:\n${relay!.output()}`);
    expect(echo.received.filter((r) => r.url.startsWith("/skew/")).map((r) => r.url)).toEqual([
      "/skew/first", "/skew/late-1", "/skew/late-2", "/skew/late-3", "/skew/after",
    ]);
    await proxy.cut();
  });
});

describe("PostgreSQL, the per-bin rate limit across instances", () => {
  let c: TestServer;
  let d: TestServer;
  beforeAll(async () => {
    const env = { DATABASE_URL: postgres.url("hookjar"), RATE_LIMIT_PER_MIN: "5" };
    [c, d] = await Promise.all([startServer(env), startServer(env)]);
  }, 60_000);
  afterAll(() => Promise.all([c?.stop(), d?.stop()]));

  it("holds for the bin as a whole, whichever instance each request reaches", async () => {
    const bin = await createBin(c);
    const statuses: number[] = [];
    let refusal;
    // Alternating: each instance alone sees at most 4 of the 7, under its own limit of 5.
    for (let i = 0; i < 7; i++) {
      const res = await rawRequest(`${(i % 2 ? d : c).url}/b/${bin.id}/r${i}`, { method: "POST" });
      statuses.push(res.status);
      if (res.status === 429) refusal = res;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(JSON.parse(refusal!.body.toString())).toMatchObject({ error: "rate_limited", message: expect.any(String) });
    expect(Number(refusal!.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("counts refused requests on either instance into the bin's one row per reason and minute, live on both", async () => {
    const bin = await createBin(c);
    const watcher = io(d.url, { transports: ["websocket"], forceNew: true });
    // Each event carries the row's total as its writer's upsert returned it. The two instances' events
    // reach the watcher by different roads (d's own straight from d, c's through PostgreSQL's NOTIFY),
    // so an older total can arrive after a newer one: like the inspector (mergeRefusals), keep the
    // highest count seen per row, which is the latest, since a row's count only grows.
    const counts = new Map<string, number>();
    watcher.on("refusal:updated", (row: { id: string; binId: string; count: number }) => row.binId === bin.id && counts.set(row.id, Math.max(row.count, counts.get(row.id) ?? 0)));
    try {
      expect(await watcher.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: true });
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await rawRequest(`${(i % 2 ? d : c).url}/b/${bin.id}/r${i}`, { method: "POST" })).status);
      expect(statuses.filter((s) => s === 429)).toHaveLength(6);
      const listed = async () => (await getJson(`${c.url}/api/bins/${bin.id}/refusals`)).body.items as { reason: string; count: number }[];
      await until(async () => (await listed()).reduce((n, r) => n + r.count, 0) === 6, 5000, "six refusals counted");
      const rows = await listed();
      // One row per minute the requests spanned, whichever instance refused them.
      expect(rows.length).toBeLessThanOrEqual(2);
      expect(rows.every((r) => r.reason === "rate_limited")).toBe(true);
      await until(() => [...counts.values()].reduce((n, c) => n + c, 0) === 6, 5000, "the live counts");
    } finally {
      watcher.close();
    }
  });
});
