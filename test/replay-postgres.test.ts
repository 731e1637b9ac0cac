import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { twoInstances, type TestPostgres } from "./helpers/postgres.ts";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";
import { startEcho, startSilent, until, type Echo } from "./helpers/target.ts";

// Replays on PostgreSQL, with two instances on one database: one runs the replay, the other
// reads it, hears its progress, and cancels it.

let a: TestServer;
let b: TestServer;
let echo: Echo;
let postgres: TestPostgres;
let stop: () => Promise<void>;
let socket: Socket | undefined;
beforeAll(async () => {
  [{ a, b, stop, postgres }, echo] = await Promise.all([twoInstances(), startEcho()]);
}, 120_000);
afterAll(async () => {
  socket?.close();
  await Promise.all([stop?.(), echo?.close()]);
});

const post = (server: TestServer, bin: Awaited<ReturnType<typeof createBin>>, body: unknown) =>
  fetch(`${server.url}/api/bins/${bin.id}/replays`, { method: "POST", headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify(body) }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as { id: string; total: number } }),
  );

describe("replays on PostgreSQL", () => {
  it("selects by filter, sends oldest first byte-exact, and is followed from the other instance", async () => {
    const bin = await createBin(a);
    const bodies = ["one", "two", "three"];
    for (const body of bodies) await rawRequest(`${a.url}/b/${bin.id}/pg/${body}`, { method: "POST", headers: [["Content-Length", String(body.length)]], body });
    await rawRequest(`${a.url}/b/${bin.id}/other`, { method: "GET" });
    socket = io(b.url, { transports: ["websocket"], forceNew: true });
    expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: true });
    const done: any[] = [];
    socket.on("replay:done", (e) => done.push(e));

    const started = await post(a, bin, { url: `${echo.url}/pg-${bin.id}`, filter: { method: "POST" }, speed: 10 });
    expect(started).toEqual({ status: 202, body: { id: expect.any(String), total: 3 } });
    await until(() => done.length === 1, 20_000, "replay:done on the other instance");
    expect(done[0]).toMatchObject({ replayId: started.body.id, state: "done", sent: 3, ok: 3 });
    const replay = (await getJson(`${b.url}/api/replays/${started.body.id}`)).body;
    expect(replay.results.map((r: any) => r.startedMs >= r.scheduledMs)).toEqual([true, true, true]);
    expect(echo.received.filter((r) => r.url.startsWith(`/pg-${bin.id}`)).map((r) => [r.url, r.body.toString()])).toEqual(
      bodies.map((body) => [`/pg-${bin.id}/pg/${body}`, body]),
    );
  });

  it("a cancel on the other instance stops the replay: nothing more is sent", async () => {
    let release = () => {};
    const held = await startEcho((_req, res) => {
      release = () => res.end("late");
    });
    onTestFinished(() => held.close());
    const bin = await createBin(a);
    for (const body of ["1", "2", "3"]) await rawRequest(`${a.url}/b/${bin.id}/c`, { method: "POST", headers: [["Content-Length", "1"]], body });
    const listener = io(b.url, { transports: ["websocket"], forceNew: true });
    onTestFinished(() => void listener.close());
    expect(await listener.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: true });
    const done: any[] = [];
    listener.on("replay:done", (e) => done.push(e));
    const started = await post(a, bin, { url: held.url, filter: {}, timing: "none" });
    await until(() => held.received.length === 1, 10_000, "the first send");
    const cancel = await fetch(`${b.url}/api/replays/${started.body.id}`, { method: "DELETE", headers: manage(bin) });
    expect(cancel.status).toBe(204);
    release();
    // Announced once its runner has stopped: nothing can be sent after it.
    await until(() => done.length === 1, 10_000, "replay:done");
    expect(done[0]).toMatchObject({ replayId: started.body.id, state: "cancelled", sent: 1 });
    expect((await getJson(`${a.url}/api/replays/${started.body.id}`)).body).toMatchObject({ state: "cancelled", sent: 1 });
    expect(held.received).toHaveLength(1);
  });

  it("a server starting on the shared database leaves the replays other instances run alone", async () => {
    const silent = await startSilent();
    onTestFinished(() => silent.close());
    const bin = await createBin(a);
    for (const body of ["1", "2"]) await rawRequest(`${a.url}/b/${bin.id}/s`, { method: "POST", headers: [["Content-Length", "1"]], body });
    const started = await post(a, bin, { url: silent.url, filter: {}, timing: "none" });
    expect(started.status).toBe(202);
    // A third instance starts (a deploy, a restart) while A's replay waits on its target.
    const c = await startServer({ DATABASE_URL: postgres.url("hookjar") });
    onTestFinished(() => c.stop());
    expect((await getJson(`${c.url}/api/replays/${started.body.id}`)).body.state).toBe("running");
    const cancel = await fetch(`${c.url}/api/replays/${started.body.id}`, { method: "DELETE", headers: manage(bin) });
    expect(cancel.status).toBe(204);
  }, 120_000);
});
