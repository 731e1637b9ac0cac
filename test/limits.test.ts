import Database from "better-sqlite3";
import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const send = async (url: string, body = "x") => rawRequest(url, { method: "POST", body });
const paths = async (s: TestServer, binId: string) =>
  (await getJson(`${s.url}/api/bins/${binId}/requests?limit=200`)).body.items.map((c: any) => c.path);

/** A live subscriber of the bin, collecting the ids of the captures announced as deleted. */
async function watchDeletions(s: TestServer, binId: string) {
  const socket = io(s.url, { transports: ["websocket"], forceNew: true });
  const deleted: string[] = [];
  socket.on("capture:deleted", (e: { binId: string; id: string }) => e.binId === binId && deleted.push(e.id));
  expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId })).toEqual({ ok: true });
  return { socket, deleted };
}

describe("limits", () => {
  it("keeps a bin at MAX_CAPTURES_PER_BIN by pruning the oldest captures", async () => {
    server = await startServer({ MAX_CAPTURES_PER_BIN: "5" });
    const bin = await createBin(server);
    const { socket, deleted } = await watchDeletions(server, bin.id);
    const ids = [];
    for (let i = 0; i < 8; i++) {
      const res = await send(`${bin.captureUrl}/${i}`);
      expect(res.status).toBe(200);
      ids.push(JSON.parse(res.body.toString()).id);
    }
    expect(await paths(server, bin.id)).toEqual(["/7", "/6", "/5", "/4", "/3"]);
    // Open inspectors are told, as for any deletion.
    await expect.poll(() => [...deleted].sort()).toEqual(ids.slice(0, 3).sort());
    socket.close();
  });

  it("keeps the cap after deletions and a clear, however the bin got to its count", async () => {
    server = await startServer({ MAX_CAPTURES_PER_BIN: "5" });
    const bin = await createBin(server);
    for (let i = 0; i < 4; i++) await send(`${bin.captureUrl}/a${i}`);
    const [newest] = (await getJson(`${server.url}/api/bins/${bin.id}/requests?limit=1`)).body.items;
    expect((await fetch(`${server.url}/api/bins/${bin.id}/requests/${newest.id}`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    // 3 left: two more fit under the cap, the third prunes the oldest.
    for (let i = 0; i < 3; i++) await send(`${bin.captureUrl}/b${i}`);
    expect(await paths(server, bin.id)).toEqual(["/b2", "/b1", "/b0", "/a2", "/a1"]);
    expect((await fetch(`${server.url}/api/bins/${bin.id}/requests`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    for (let i = 0; i < 7; i++) await send(`${bin.captureUrl}/c${i}`);
    expect(await paths(server, bin.id)).toEqual(["/c6", "/c5", "/c4", "/c3", "/c2"]);
  });

  it("answers 429 with Retry-After past RATE_LIMIT_PER_MIN, per bin, storing nothing", async () => {
    server = await startServer({ RATE_LIMIT_PER_MIN: "3" });
    const bin = await createBin(server);
    const other = await createBin(server);
    for (let i = 0; i < 3; i++) expect((await send(bin.captureUrl)).status).toBe(200);
    const limited = await send(bin.captureUrl);
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body.toString())).toMatchObject({ error: "rate_limited", message: expect.stringMatching(/3 requests a minute/) });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.requestCount).toBe(3);
    expect((await send(other.captureUrl)).status).toBe(200);
  });

  it("deletes captures older than RETENTION_DAYS when the server starts", async () => {
    server = await startServer();
    const bin = await createBin(server);
    const old = JSON.parse((await send(`${bin.captureUrl}/old`)).body.toString()).id;
    await send(`${bin.captureUrl}/new`);
    const { dbFile } = server;
    await server.stop(true);
    const sqlite = new Database(dbFile);
    const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString();
    sqlite.prepare(`UPDATE "Capture" SET "receivedAt" = ? WHERE "id" = ?`).run(fortyDaysAgo, old);
    sqlite.close();

    server = await startServer({ RETENTION_DAYS: "30" }, dbFile);
    await expect.poll(() => paths(server!, bin.id)).toEqual(["/new"]);
  });

  it("announces what the retention sweep removes (capture:deleted), live", async () => {
    // Two seconds of retention: the sweep then runs every 200 ms.
    server = await startServer({ RETENTION_DAYS: String(2 / 86_400) });
    const bin = await createBin(server);
    const { socket, deleted } = await watchDeletions(server, bin.id);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(JSON.parse((await send(`${bin.captureUrl}/${i}`)).body.toString()).id);
    expect(await paths(server, bin.id)).toHaveLength(3);
    await expect.poll(() => [...deleted].sort(), { timeout: 10_000 }).toEqual(ids.sort());
    socket.close();
    expect(await paths(server, bin.id)).toEqual([]);
  });
});

