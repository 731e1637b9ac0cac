import { randomBytes } from "node:crypto";
import { sign as githubSign, verify as githubVerify } from "@octokit/webhooks-methods";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";
import { startEcho, startSilent, until, withoutTransport, type Echo, type Received } from "./helpers/target.ts";

// Replays, end to end: a real server replays captures to a real target on 127.0.0.1. Timing is
// checked through the computed schedule (scheduledMs) and the order things arrive in, never by
// how long anything took.

let server: TestServer;
let echo: Echo;
const sockets: Socket[] = [];
beforeAll(async () => {
  [server, echo] = await Promise.all([startServer({ MAX_CAPTURES_PER_BIN: "1100" }), startEcho()]);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all([server?.stop(), echo?.close()]);
});

type Bin = Awaited<ReturnType<typeof createBin>>;

async function replay(bin: Bin, body: unknown) {
  const res = await fetch(`${server.url}/api/bins/${bin.id}/replays`, {
    method: "POST",
    headers: { "content-type": "application/json", ...manage(bin) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const getReplay = async (id: string) => (await getJson(`${server.url}/api/replays/${id}`)).body;
const finished = (id: string) => until(async () => {
  const r = await getReplay(id);
  return r.state !== "running" && r;
}, 30_000, "the replay to end");

type Captured = { id: string; method: string; path: string; query: string; headers: [string, string][]; body: Buffer; receivedAt: string; bodySha256: string };

/** Captures one request and answers it as stored. */
async function capture(bin: Bin, method: string, path: string, headers: [string, string][], body: Buffer): Promise<Captured> {
  const res = await rawRequest(`${server.url}/b/${bin.id}${path}`, { method, headers: [...headers, ["Content-Length", String(body.length)]], body });
  const { id } = JSON.parse(res.body.toString());
  const stored = (await getJson(`${server.url}/api/bins/${bin.id}/requests/${id}`)).body;
  return { ...stored, body: Buffer.from(stored.body.data, stored.body.encoding) };
}

/** A few captures of different shapes, received some time apart so their schedule has gaps. */
async function someCaptures(bin: Bin, n = 4): Promise<Captured[]> {
  const out: Captured[] = [];
  for (let i = 0; i < n; i++) {
    const body = i % 2 ? randomBytes(64) : Buffer.from(JSON.stringify({ n: i, text: "héllo" }));
    out.push(await capture(bin, i === 2 ? "PUT" : "POST", `/hook/${i}`.concat(i === 1 ? "?a=1&b=%2F" : ""), [["X-Seq", String(i)], ["X-Dup", "a"], ["X-Dup", "b"], ["Content-Type", i % 2 ? "application/octet-stream" : "application/json"]], body));
    // Data, not a wait for an event: the captures' gaps are what the schedule is made of.
    await new Promise((r) => setTimeout(r, 40 + 30 * i));
  }
  return out;
}

const arrivalsAt = (prefix: string) => echo.received.filter((r) => r.url.startsWith(prefix));
const gap = (a: Captured, b: Captured) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt);
const header = (r: Received, name: string) => r.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);

function connect(): Socket {
  const socket = io(server.url, { transports: ["websocket"], forceNew: true });
  sockets.push(socket);
  return socket;
}

describe("replays", () => {
  it("sends the selected captures oldest first, byte-exact, on their original schedule scaled by speed", async () => {
    const bin = await createBin(server);
    const caps = await someCaptures(bin);
    const prefix = `/r1-${bin.id}`;
    // Given newest first: the replay still goes oldest first.
    const started = await replay(bin, { url: `${echo.url}${prefix}`, captureIds: caps.map((c) => c.id).reverse(), speed: 2 });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ id: expect.any(String), total: 4 });

    const done = await finished(started.body.id);
    expect(done).toMatchObject({ binId: bin.id, state: "done", total: 4, sent: 4, ok: 4, failed: 0, timing: "original", speed: 2 });
    expect(done.results.map((r: any) => r.captureId)).toEqual(caps.map((c) => c.id));
    expect(done.results.map((r: any) => r.scheduledMs)).toEqual(caps.map((c) => Math.round(gap(caps[0], c) / 2)));
    for (const r of done.results) {
      expect(r.startedMs).toBeGreaterThanOrEqual(r.scheduledMs);
      expect(r.status).toBe(201);
    }
    expect(done.results.map((r: any) => r.sentSha256)).toEqual(caps.map((c) => c.bodySha256));

    const got = arrivalsAt(prefix);
    expect(got.map((r) => header(r, "X-Seq")[0])).toEqual(["0", "1", "2", "3"]);
    got.forEach((r, i) => {
      const c = caps[i];
      expect(r.method).toBe(c.method);
      expect(r.url).toBe(`${prefix}${c.path}${c.query ? `?${c.query}` : ""}`);
      expect(r.body.equals(c.body)).toBe(true);
      // As auto-forward sends it: the headers as received, hop-by-hop ones aside, and the loop guard.
      expect(withoutTransport(r.headers).filter(([n]) => n !== "X-Hookjar-Forwarded")).toEqual(withoutTransport(c.headers));
      expect(header(r, "X-Hookjar-Forwarded")).toEqual([bin.id]);
    });
  });

  it("keeps each send as a replay attempt with the sha256 of the bytes sent", async () => {
    const bin = await createBin(server);
    const [c] = await someCaptures(bin, 1);
    const { body } = await replay(bin, { url: `${echo.url}/r2`, captureIds: [c.id] });
    await finished(body.id);
    const stored = (await getJson(`${server.url}/api/bins/${bin.id}/requests/${c.id}`)).body;
    expect(stored.attempts).toHaveLength(1);
    expect(stored.attempts[0]).toMatchObject({ kind: "replay", replayId: body.id, status: 201, url: `${echo.url}/r2/hook/0` });
    expect(stored.attempts[0].request.sha256).toBe(c.bodySha256);
  });

  it("selects by the list's filters, and refuses a filter matching more than 1000 captures", async () => {
    const bin = await createBin(server);
    const caps = await someCaptures(bin);
    const { body } = await replay(bin, { url: `${echo.url}/r3`, filter: { method: "POST" }, timing: "none" });
    expect(body.total).toBe(3);
    const done = await finished(body.id);
    expect(done.results.map((r: any) => r.captureId)).toEqual(caps.filter((c) => c.method === "POST").map((c) => c.id));

    const q = await replay(bin, { url: `${echo.url}/r3`, filter: { q: "héllo" } });
    expect(q.body.total).toBe(2);

    const big = await createBin(server);
    for (let i = 0; i < 1001; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, 1001 - i) }, () => rawRequest(big.captureUrl, { method: "POST", body: "x" })));
    }
    const refused = await replay(big, { url: `${echo.url}/r3`, filter: {} });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("invalid_request");
    expect(refused.body.message).toMatch(/more than 1000/);
    // A capture of another bin is not this bin's to replay.
    const other = await replay(big, { url: `${echo.url}/r3`, captureIds: [caps[0].id] });
    expect(other.status).toBe(404);
    expect(other.body.error).toBe("capture_not_found");
  }, 120_000);

  it("starts each send on schedule whether or not earlier ones have answered", async () => {
    // The first send is answered only once the second has arrived: a replay that waited for
    // answers would never finish.
    const held: (() => void)[] = [];
    const target = await startEcho((req, res) => {
      held.push(() => res.end("ok"));
      if (held.length === 2) held.splice(0).forEach((release) => release());
    });
    onTestFinished(() => target.close());
    const bin = await createBin(server);
    const caps = await someCaptures(bin, 2);
    const { body } = await replay(bin, { url: target.url, captureIds: caps.map((c) => c.id), speed: 10 });
    const done = await finished(body.id);
    // Both answered: had the second waited for the first's answer, the first would have timed out.
    expect(done.ok).toBe(2);
    expect(done.results[1].scheduledMs).toBe(Math.round(gap(caps[0], caps[1]) / 10));
    // The second went before the first was answered (to the millisecond the clocks round to).
    expect(done.results[1].startedMs).toBeLessThanOrEqual(done.results[0].startedMs + done.results[0].durationMs + 1);
  });

  it("with timing none, sends one after another as the target answers", async () => {
    const bin = await createBin(server);
    const caps = await someCaptures(bin, 3);
    const prefix = `/r5-${bin.id}`;
    const { body } = await replay(bin, { url: `${echo.url}${prefix}`, captureIds: caps.map((c) => c.id), timing: "none" });
    const done = await finished(body.id);
    expect(done.results.map((r: any) => r.scheduledMs)).toEqual([0, 0, 0]);
    for (let i = 1; i < 3; i++) {
      expect(done.results[i].startedMs).toBeGreaterThanOrEqual(done.results[i - 1].startedMs + done.results[i - 1].durationMs);
    }
    expect(arrivalsAt(prefix).map((r) => header(r, "X-Seq")[0])).toEqual(["0", "1", "2"]);
  });

  it("announces progress and the end to the bin's subscribers", async () => {
    const bin = await createBin(server);
    const caps = await someCaptures(bin, 3);
    const socket = connect();
    expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: true });
    const progress: any[] = [];
    const doneEvents: any[] = [];
    const attempts: any[] = [];
    socket.on("replay:progress", (e) => progress.push(e));
    socket.on("replay:done", (e) => doneEvents.push(e));
    socket.on("capture:attempt", (e) => attempts.push(e));
    const { body } = await replay(bin, { url: `${echo.url}/r6`, captureIds: caps.map((c) => c.id), timing: "none" });
    await until(() => doneEvents.length === 1, 20_000, "replay:done");
    expect(progress.map((p) => p.sent)).toEqual([1, 2, 3]);
    expect(progress[2]).toEqual({ binId: bin.id, replayId: body.id, total: 3, sent: 3, ok: 3, failed: 0 });
    expect(doneEvents[0]).toEqual({ binId: bin.id, replayId: body.id, total: 3, sent: 3, ok: 3, failed: 0, state: "done" });
    expect(attempts.map((a) => [a.id, a.attempt.kind, a.attempt.replayId])).toEqual(caps.map((c) => [c.id, "replay", body.id]));
  });

  it("cancel: nothing more is sent", async () => {
    let release = () => {};
    const target = await startEcho((_req, res) => {
      release = () => res.end("late");
    });
    onTestFinished(() => target.close());
    const bin = await createBin(server);
    const caps = await someCaptures(bin, 3);
    const socket = connect();
    expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: true });
    const ended: any[] = [];
    socket.on("replay:done", (e) => ended.push(e));
    const { body } = await replay(bin, { url: target.url, captureIds: caps.map((c) => c.id), timing: "none" });
    await until(() => target.received.length === 1, 10_000, "the first send");
    const cancel = await fetch(`${server.url}/api/replays/${body.id}`, { method: "DELETE", headers: manage(bin) });
    expect(cancel.status).toBe(204);
    release();
    // Announced once the runner has stopped (the send on its way ended): nothing can follow it.
    await until(() => ended.length === 1, 10_000, "replay:done");
    expect(ended[0]).toMatchObject({ replayId: body.id, state: "cancelled", sent: 1 });
    const done = await getReplay(body.id);
    expect(done.state).toBe("cancelled");
    expect(done.sent).toBe(1);
    expect(done.results.slice(1).every((r: any) => r.startedMs === null)).toBe(true);
    expect(target.received).toHaveLength(1);
  });

  it("re-signs each send for GitHub, verifiable at the target with @octokit/webhooks-methods", async () => {
    const secret = `gh-${randomBytes(8).toString("hex")}`;
    const bin = await createBin(server);
    const payloads = ['{"action":"opened","n":1}', '{"action":"closed","n":2}'];
    const caps: Captured[] = [];
    for (const p of payloads) {
      caps.push(await capture(bin, "POST", "/gh", [["X-GitHub-Event", "pull_request"], ["Content-Type", "application/json"], ["X-Hub-Signature-256", await githubSign("stale-secret", p)]], Buffer.from(p)));
    }
    const prefix = `/r8-${bin.id}`;
    const { body } = await replay(bin, { url: `${echo.url}${prefix}`, captureIds: caps.map((c) => c.id), timing: "none", sign: { scheme: "github", secret } });
    await finished(body.id);
    const got = arrivalsAt(prefix);
    expect(got).toHaveLength(2);
    for (const r of got) {
      const signature = header(r, "X-Hub-Signature-256");
      expect(signature).toHaveLength(1);
      expect(await githubVerify(secret, r.body.toString(), signature[0])).toBe(true);
    }
    expect(got.map((r) => r.body.toString())).toEqual(payloads);
  });

  it("needs the manage key to start or cancel; is readable as its bin is; 404 for an unknown id", async () => {
    const bin = await createBin(server, { private: true });
    const token = bin.viewToken!;
    const { body: sent } = await rawRequest(`${bin.captureUrl}/p`, { method: "POST", body: "secret" });
    const res = await fetch(`${server.url}/api/bins/${bin.id}/replays`, {
      method: "POST",
      headers: { "content-type": "application/json", ...manage(bin) },
      body: JSON.stringify({ url: `${echo.url}/r9`, captureIds: [JSON.parse(sent.toString()).id] }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    // The view token reads; it changes nothing.
    const withToken = { "content-type": "application/json", authorization: `Bearer ${token}` };
    const refused = await fetch(`${server.url}/api/bins/${bin.id}/replays`, { method: "POST", headers: withToken, body: JSON.stringify({ url: `${echo.url}/r9`, filter: {} }) });
    expect(refused.status).toBe(403);
    expect((await fetch(`${server.url}/api/replays/${id}`, { method: "DELETE", headers: withToken })).status).toBe(403);
    expect((await fetch(`${server.url}/api/replays/${id}`, { method: "DELETE" })).status).toBe(403);
    expect((await fetch(`${server.url}/api/replays/${id}`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/replays/${id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const unknown = await getJson(`${server.url}/api/replays/01JZZZZZZZZZZZZZZZZZZZZZZZ`);
    expect(unknown).toEqual({ status: 404, body: { error: "replay_not_found", message: expect.any(String) } });
  });
});

describe("replays across a restart", () => {
  it("keeps a finished replay's results, and marks one that was running as interrupted", async () => {
    const own = await startServer();
    const silent = await startSilent();
    onTestFinished(() => silent.close());
    const bin = await createBin(own);
    const first = await rawRequest(`${own.url}/b/${bin.id}/a`, { method: "POST", body: "a" });
    const second = await rawRequest(`${own.url}/b/${bin.id}/b`, { method: "POST", body: "b" });
    const ids = [first, second].map((r) => JSON.parse(r.body.toString()).id as string);
    const post = (url: string) =>
      fetch(`${own.url}/api/bins/${bin.id}/replays`, { method: "POST", headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify({ url, captureIds: ids, timing: "none" }) }).then((r) => r.json());
    const done = await post(`${echo.url}/r10`);
    await until(async () => (await getJson(`${own.url}/api/replays/${done.id}`)).body.state === "done", 20_000, "the first replay");
    // The second hangs on a target that never answers; the server dies under it.
    const hanging = await post(silent.url);
    await until(async () => (await getJson(`${own.url}/api/replays/${hanging.id}`)).body.state === "running", 5000, "running");
    own.signal("SIGKILL");
    await own.exited;
    const again = await startServer({}, own.dbFile);
    onTestFinished(() => again.stop());
    const a = (await getJson(`${again.url}/api/replays/${done.id}`)).body;
    expect(a).toMatchObject({ state: "done", sent: 2, ok: 2 });
    const b = (await getJson(`${again.url}/api/replays/${hanging.id}`)).body;
    expect(b.state).toBe("interrupted");
    expect(b.finishedAt).not.toBeNull();
  }, 120_000);
});
