import Database from "better-sqlite3";
import { Agent, request } from "node:http";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFUSALS_PER_BIN } from "../lib/schemas/refusal.ts";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";
import { until } from "./helpers/target.ts";

// A low rate limit and body limit, so a flood and a too-large body are quick to make.
const RATE = 5;
const LIMIT = 1024;

let server: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startServer({ RATE_LIMIT_PER_MIN: String(RATE), MAX_BODY_BYTES: String(LIMIT) });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
});

type Refusal = { id: string; binId: string; reason: string; status: number; count: number; method: string; path: string; bodySize: number | null; minute: string; firstAt: string; lastAt: string };

/** A subscriber of the bin, keeping the latest `refusal:updated` of each row. */
async function watch(binId: string) {
  const socket = io(server.url, { transports: ["websocket"], forceNew: true });
  sockets.push(socket);
  const rows = new Map<string, Refusal>();
  let events = 0;
  socket.on("refusal:updated", (row: Refusal) => {
    if (row.binId !== binId) return;
    events++;
    rows.set(row.id, row);
  });
  expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId })).toEqual({ ok: true });
  return { rows, events: () => events, total: (reason: string) => [...rows.values()].filter((r) => r.reason === reason).reduce((n, r) => n + r.count, 0) };
}

const refusals = async (binId: string) => (await getJson<{ items: Refusal[] }>(`${server.url}/api/bins/${binId}/refusals`)).body.items;
const counted = (items: Refusal[], reason: string) => items.filter((r) => r.reason === reason).reduce((n, r) => n + r.count, 0);
const rowsInDb = (binId?: string) => {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    const { n } = (binId === undefined
      ? db.prepare(`SELECT COUNT(*) AS n FROM "Refusal"`).get()
      : db.prepare(`SELECT COUNT(*) AS n FROM "Refusal" WHERE "binId" = ?`).get(binId)) as { n: number };
    return n;
  } finally {
    db.close();
  }
};

/** Many requests on one keep-alive connection at a time, `parallel` connections: a flood without a socket per request. */
async function flood(url: string, total: number, parallel = 20): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  const agent = new Agent({ keepAlive: true, maxSockets: parallel });
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { method: "POST", agent, headers: { "content-length": "2" } }, (res) => {
        statuses.set(res.statusCode!, (statuses.get(res.statusCode!) ?? 0) + 1);
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end("hi");
    });
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (sent < total) {
        sent++;
        await one();
      }
    }),
  );
  agent.destroy();
  return statuses;
}

describe("refused requests", () => {
  it("announces a 413 and a burst of 429s aggregated, and lists them with their counts", async () => {
    const bin = await createBin(server);
    const live = await watch(bin.id);

    const big = await rawRequest(`${bin.captureUrl}/upload?x=1`, { method: "PUT", headers: [["Content-Length", String(LIMIT + 1)]], body: Buffer.alloc(LIMIT + 1, 1) });
    expect(big.status).toBe(413);
    // The too-large request took one of the bin's RATE tokens (the limit is checked first).
    const answers = [];
    for (let i = 0; i < RATE + 12; i++) answers.push((await rawRequest(`${bin.captureUrl}/hook/${i}`, { method: "POST", headers: [["Content-Length", "2"]], body: "{}" })).status);
    expect(answers.filter((s) => s === 200)).toHaveLength(RATE - 1);
    expect(answers.filter((s) => s === 429)).toHaveLength(13);

    await until(() => live.total("rate_limited") === 13 && live.total("payload_too_large") === 1, 5000, "the aggregated refusal events");

    const items = await refusals(bin.id);
    expect(counted(items, "rate_limited")).toBe(13);
    expect(counted(items, "payload_too_large")).toBe(1);
    const tooLarge = items.find((r) => r.reason === "payload_too_large")!;
    expect(tooLarge).toMatchObject({ binId: bin.id, status: 413, count: 1, method: "PUT", path: "/upload", bodySize: LIMIT + 1 });
    const limited = items.filter((r) => r.reason === "rate_limited");
    // The latest refused request of a row is the one it shows.
    expect(limited.map((r) => r.path)).toContain("/hook/16");
    expect(limited.every((r) => r.status === 429 && r.method === "POST" && r.bodySize === 2)).toBe(true);
    for (const r of items) {
      expect(Date.parse(r.firstAt)).toBeLessThanOrEqual(Date.parse(r.lastAt));
      expect(Date.parse(r.minute) % 60_000).toBe(0);
    }
    // Nothing of a refused request is stored as a capture.
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.requestCount).toBe(RATE - 1);
    // Newest first.
    expect([...items].sort((a, b) => b.lastAt.localeCompare(a.lastAt)).map((r) => r.id)).toEqual(items.map((r) => r.id));
  });

  it("keeps a 10,000-request flood to a row per reason and minute, counting every request", async () => {
    const bin = await createBin(server);
    const live = await watch(bin.id);
    const statuses = await flood(`${bin.captureUrl}/flood`, 10_000);
    const refused = statuses.get(429) ?? 0;
    expect(refused).toBeGreaterThanOrEqual(10_000 - RATE * 2);
    expect(statuses.get(200) ?? 0).toBe(10_000 - refused);

    await until(async () => counted(await refusals(bin.id), "rate_limited") === refused, 10_000, "every refusal counted");
    // One row per minute the flood spanned (it may cross a minute boundary), not one per request.
    const rows = rowsInDb(bin.id);
    expect(rows).toBeGreaterThanOrEqual(1);
    expect(rows).toBeLessThanOrEqual(2);
    expect(await refusals(bin.id)).toHaveLength(rows);
    await until(() => live.total("rate_limited") === refused, 5000, "the live count to catch up");
    // Each event carries a row's running count: far fewer events than requests.
    expect(live.events()).toBeLessThan(refused / 10);
  });

  it("keeps nothing for unknown bins", async () => {
    const before = rowsInDb();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => rawRequest(`${server.url}/b/unknownBinIdThatIsLongEnough${i % 3}/x`, { method: "POST", body: Buffer.alloc(LIMIT + 1) })),
    );
    expect(answers.every((a) => a.status === 404)).toBe(true);
    // A known bin's refusal, flushed after the unknown ones, shows the flush has run past them.
    const marker = await createBin(server);
    await rawRequest(marker.captureUrl, { method: "POST", body: Buffer.alloc(LIMIT + 1) });
    await until(async () => (await refusals(marker.id)).length === 1, 5000, "the marker refusal");
    expect(rowsInDb()).toBe(before + 1);
  });

  it("goes with clear bin and with the bin, and needs a private bin's token", async () => {
    const bin = await createBin(server, { private: true });
    const auth = { authorization: `Bearer ${bin.viewToken}` };
    await rawRequest(bin.captureUrl, { method: "POST", body: Buffer.alloc(LIMIT + 1) });
    expect((await fetch(`${server.url}/api/bins/${bin.id}/refusals`)).status).toBe(401);
    const list = async () => ((await (await fetch(`${server.url}/api/bins/${bin.id}/refusals`, { headers: auth })).json()) as { items: Refusal[] }).items;
    await until(async () => (await list()).length === 1, 5000, "the refusal row");

    const live = await (async () => {
      const socket = io(server.url, { transports: ["websocket"], forceNew: true });
      sockets.push(socket);
      const cleared: string[] = [];
      socket.on("bin:cleared", (e: { binId: string }) => cleared.push(e.binId));
      expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id, token: bin.viewToken })).toEqual({ ok: true });
      return cleared;
    })();
    expect((await fetch(`${server.url}/api/bins/${bin.id}/requests`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    expect(await list()).toEqual([]);
    expect(rowsInDb(bin.id)).toBe(0);
    await until(() => live.includes(bin.id), 5000, "bin:cleared");

    await rawRequest(bin.captureUrl, { method: "POST", body: Buffer.alloc(LIMIT + 1) });
    await until(() => rowsInDb(bin.id) === 1, 5000, "a new refusal row");
    expect((await fetch(`${server.url}/api/bins/${bin.id}`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    expect(rowsInDb(bin.id)).toBe(0);
    expect((await fetch(`${server.url}/api/bins/${bin.id}/refusals`, { headers: auth })).status).toBe(404);
  });

  it("documents the endpoint and the event's row in the OpenAPI", async () => {
    const doc = (await getJson(`${server.url}/api/openapi.json`)).body;
    expect(doc.paths["/api/bins/{id}/refusals"].get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/RefusalList" });
    expect(Object.keys(doc.components.schemas.RefusalList.properties.items.items.properties).sort()).toEqual(
      ["binId", "bodySize", "count", "firstAt", "id", "lastAt", "method", "minute", "path", "reason", "status"],
    );
    expect((await fetch(`${server.url}/api/bins/x/refusals`, { method: "POST" })).status).toBe(405);
  });
});

describe("refusal rows are bounded", () => {
  let own: TestServer | undefined;
  afterAll(() => own?.stop());

  it(`keeps a bin's newest ${REFUSALS_PER_BIN} rows, and sweeps rows older than RETENTION_DAYS`, async () => {
    const env = { MAX_BODY_BYTES: String(LIMIT) };
    own = await startServer(env);
    const bin = await createBin(own);
    const { dbFile } = own;
    await own.stop(true);
    // Rows of earlier refusals, one every hour going back five days (at half past, clear of the retention cut-off).
    const hour = 3_600_000;
    const sqlite = new Database(dbFile);
    const insert = sqlite.prepare(
      `INSERT INTO "Refusal" ("id", "binId", "reason", "status", "minute", "count", "method", "path", "bodySize", "firstAt", "lastAt") VALUES (?, ?, 'rate_limited', 429, ?, 3, 'POST', ?, NULL, ?, ?)`,
    );
    for (let i = 0; i < 120; i++) {
      const at = new Date(Math.floor((Date.now() - (i + 1.5) * hour) / 60_000) * 60_000).toISOString();
      insert.run(`old${String(i).padStart(3, "0")}`, bin.id, at, `/old/${i}`, at, at);
    }
    sqlite.close();

    own = await startServer(env, dbFile);
    const list = async () => (await getJson<{ items: Refusal[] }>(`${own!.url}/api/bins/${bin.id}/refusals`)).body.items;
    expect(await list()).toHaveLength(REFUSALS_PER_BIN);
    await rawRequest(`${bin.captureUrl.replace(/^http:\/\/[^/]+/, own.url)}/new`, { method: "POST", headers: [["Content-Length", String(LIMIT + 1)]], body: Buffer.alloc(LIMIT + 1) });
    await until(async () => (await list()).some((r) => r.path === "/new"), 5000, "the new refusal");
    // The write that added a row pruned the oldest: the newest rows stay, whatever their count.
    const count = () => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM "Refusal" WHERE "binId" = ?`).get(bin.id) as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(count()).toBe(REFUSALS_PER_BIN);
    const kept = (await list()).map((r) => r.path);
    expect(kept[0]).toBe("/new");
    expect(kept.at(-1)).toBe(`/old/${REFUSALS_PER_BIN - 2}`);
    await own.stop(true);

    // A day's retention: the rows of the last 24 hours stay (the new one and 23 hourly ones).
    own = await startServer({ ...env, RETENTION_DAYS: "1" }, dbFile);
    await until(async () => (await list()).length === 24, 5000, "the retention sweep");
    expect((await list()).map((r) => r.path)).toEqual(["/new", ...Array.from({ length: 23 }, (_, i) => `/old/${i}`)]);
  });
});
