import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, rawRequest } from "./helpers/http.ts";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { closedPort, startEcho, until, type Echo, type Received } from "./helpers/target.ts";

// Auto-forward tries a failed forward again (no connection, timeout, 5xx, 429) after 1, 2, 4, 8, 16 s
// (a 429's Retry-After instead), keeping each try as a numbered attempt, from a schedule kept in the
// database.

let server: TestServer;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => void (server = await startServer()));
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  await server?.stop();
});

type Attempt = { kind: string; status: number | null; error: string | null; try: number | null; createdAt: string; url: string };
const captureOf = async (on: TestServer, binId: string, id: string) => (await getJson(`${on.url}/api/bins/${binId}/requests/${id}`)).body;
const attemptsOf = async (on: TestServer, binId: string, id: string) => ((await captureOf(on, binId, id)).attempts as Attempt[]).toReversed();

async function forwardingBin(on: TestServer, url: string) {
  const bin = await createBin(on);
  const res = await fetch(`${on.url}/api/bins/${bin.id}/forward`, {
    method: "PUT",
    headers: { "content-type": "application/json", ...manage(bin) },
    body: JSON.stringify({ url, enabled: true }),
  });
  expect(res.status).toBe(204);
  return bin;
}

async function capture(on: TestServer, binId: string, path: string): Promise<string> {
  const answer = await rawRequest(`${on.url}/b/${binId}${path}`, { method: "POST", body: `body of ${path}` });
  expect(answer.status).toBe(200);
  return JSON.parse(answer.body.toString()).id;
}

/** An echo whose answers are given in turn (the last one stands for every later request). */
async function scriptedEcho(answers: { status: number; headers?: Record<string, string> }[]): Promise<Echo> {
  let n = 0;
  const echo = await startEcho((_req: Received, res) => {
    const answer = answers[Math.min(n++, answers.length - 1)];
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(`answer ${n}`);
  });
  closers.push(echo.close);
  return echo;
}

describe("forward retries", () => {
  it("delivers once to a target that is down for a while, keeping each failed try and the success", async () => {
    const port = await closedPort();
    const bin = await forwardingBin(server, `http://127.0.0.1:${port}/hooks`);
    const id = await capture(server, bin.id, "/late");
    // Down for the first two tries (at 0 and 1 s): the target starts listening only then.
    await until(async () => (await attemptsOf(server, bin.id, id)).length >= 2, 20_000, "two failed tries");
    const received: string[] = [];
    const target = createServer((req, res) => {
      received.push(req.url!);
      res.writeHead(200).end("ok");
    });
    await new Promise<void>((resolve) => target.listen(port, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => target.close(() => resolve())));

    const attempts = await until(async () => {
      const all = await attemptsOf(server, bin.id, id);
      return all.at(-1)?.status === 200 ? all : null;
    }, 30_000, "the delivery");
    expect(attempts.map((a) => a.try)).toEqual(attempts.map((_, i) => i + 1));
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    for (const failed of attempts.slice(0, -1)) expect(failed).toMatchObject({ kind: "forward", status: null, error: expect.stringMatching(/refused/) });
    expect(attempts.at(-1)).toMatchObject({ kind: "forward", status: 200, error: null, url: `http://127.0.0.1:${port}/hooks/late` });
    expect((await captureOf(server, bin.id, id)).forwardRetry).toBeNull();
    expect(received).toEqual(["/hooks/late"]);
  });

  it("tries a target answering 503, 503, 200 three times, and stops there", async () => {
    const echo = await scriptedEcho([{ status: 503 }, { status: 503 }, { status: 200 }]);
    const bin = await forwardingBin(server, `${echo.url}/flaky`);
    const id = await capture(server, bin.id, "/x");
    const attempts = await until(async () => {
      const all = await attemptsOf(server, bin.id, id);
      return all.at(-1)?.status === 200 ? all : null;
    }, 20_000, "the third try");
    expect(attempts.map((a) => [a.try, a.status])).toEqual([[1, 503], [2, 503], [3, 200]]);
    // Nothing more is scheduled, so no fourth try can come.
    expect((await captureOf(server, bin.id, id)).forwardRetry).toBeNull();
    expect(echo.received).toHaveLength(3);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const echo = await scriptedEcho([{ status: 429, headers: { "Retry-After": "2" } }, { status: 200 }]);
    const bin = await forwardingBin(server, `${echo.url}/limited`);
    const id = await capture(server, bin.id, "/y");
    const [first, second] = await until(async () => {
      const all = await attemptsOf(server, bin.id, id);
      return all.length === 2 ? all : null;
    }, 20_000, "the second try");
    expect([first.status, second.status]).toEqual([429, 200]);
    // Each try is stamped with when it went out: the wait between them is the one asked for (the
    // backoff alone would have waited 1 s).
    expect(Date.parse(second.createdAt) - Date.parse(first.createdAt)).toBeGreaterThanOrEqual(2000);
  });

  it("shows the waiting retry, sends it on 'Retry now', and stops on 'Give up'", async () => {
    // A minute's Retry-After: only "Retry now" brings the second try within this test.
    const echo = await scriptedEcho([{ status: 429, headers: { "Retry-After": "60" } }]);
    const bin = await forwardingBin(server, `${echo.url}/later`);
    const id = await capture(server, bin.id, "/z");
    const retry = await until(async () => (await captureOf(server, bin.id, id)).forwardRetry, 10_000, "the scheduled retry");
    expect(retry).toEqual({ try: 2, of: 6, at: expect.any(String) });
    expect(Date.parse(retry.at) - Date.now()).toBeGreaterThan(30_000);

    const retryUrl = `${server.url}/api/bins/${bin.id}/requests/${id}/forward-retry`;
    // A change to the bin: its manage key, not the capture URL, decides.
    expect((await fetch(retryUrl, { method: "POST" })).status).toBe(403);
    expect((await fetch(retryUrl, { method: "DELETE" })).status).toBe(403);
    expect((await fetch(retryUrl, { method: "POST", headers: manage(bin) })).status).toBe(204);
    await until(async () => (await attemptsOf(server, bin.id, id)).length === 2, 10_000, "the try sent now");
    expect((await captureOf(server, bin.id, id)).forwardRetry).toMatchObject({ try: 3, of: 6 });
    // The export reads tries and the waiting retry its own way, a page at a time: the same capture.
    const [exported] = (await getJson(`${server.url}/api/bins/${bin.id}/export?format=json`)).body;
    expect(exported).toEqual(await captureOf(server, bin.id, id));

    expect((await fetch(retryUrl, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    expect((await captureOf(server, bin.id, id)).forwardRetry).toBeNull();
    const again = await fetch(retryUrl, { method: "DELETE", headers: manage(bin) });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: "not_found" });
    expect((await fetch(retryUrl, { method: "POST", headers: manage(bin) })).status).toBe(404);
  });

  it("keeps its schedule across a restart", async () => {
    const own = await startServer();
    const port = await closedPort();
    const bin = await forwardingBin(own, `http://127.0.0.1:${port}/after`);
    const id = await capture(own, bin.id, "/restart");
    await until(async () => (await captureOf(own, bin.id, id)).forwardRetry, 10_000, "the scheduled retry");
    await own.stop(true);

    const echo = await startEcho((_req, res) => res.writeHead(200).end());
    closers.push(echo.close);
    const restarted = await startServer({}, own.dbFile);
    try {
      // Pointed at a target that is up now: the bin's current forward URL is what a retry uses.
      await fetch(`${restarted.url}/api/bins/${bin.id}/forward`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...manage(bin) },
        body: JSON.stringify({ url: `${echo.url}/after`, enabled: true }),
      });
      const attempts = await until(async () => {
        const all = await attemptsOf(restarted, bin.id, id);
        return all.at(-1)?.status === 200 ? all : null;
      }, 30_000, "the retry after the restart");
      expect(attempts.at(-1)!.try).toBe(attempts.length);
      expect(echo.received.map((r) => r.url)).toEqual(["/after/restart"]);
    } finally {
      await restarted.stop();
    }
  });

  it("sends each capture once when FORWARD_RETRIES is 0", async () => {
    const own = await startServer({ FORWARD_RETRIES: "0" });
    try {
      const echo = await scriptedEcho([{ status: 503 }]);
      const bin = await forwardingBin(own, `${echo.url}/once`);
      const id = await capture(own, bin.id, "/o");
      const [attempt] = await until(async () => {
        const all = await attemptsOf(own, bin.id, id);
        return all.length ? all : null;
      }, 10_000, "the try");
      expect(attempt).toMatchObject({ status: 503, try: 1 });
      expect((await captureOf(own, bin.id, id)).forwardRetry).toBeNull();
    } finally {
      await own.stop();
    }
  });
});
