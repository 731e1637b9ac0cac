import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, rawRequest } from "./helpers/http.ts";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";

// /healthz, /metrics, TRUST_PROXY and HOOKJAR_BINS_FILE, each against the real server.

const TOKEN = "metrics-secret-for-tests";
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ METRICS_TOKEN: TOKEN });
});
afterAll(() => server?.stop());

async function scrape(target: TestServer): Promise<Map<string, number>> {
  const res = await fetch(`${target.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split("\n")) {
    const match = /^(hookjar_[^\s]+) (\S+)$/.exec(line);
    if (match) samples.set(match[1], Number(match[2]));
  }
  return samples;
}

const moved = (before: Map<string, number>, after: Map<string, number>, name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);

describe("operations", () => {
  it("answers /healthz while the database answers", async () => {
    const { status, body } = await getJson(`${server.url}/healthz`);
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true });
  });

  it("takes GET only on /healthz and /metrics, as its OpenAPI description says", async () => {
    for (const path of ["/healthz", "/metrics"]) {
      const res = await fetch(`${server.url}${path}`, { method: "POST", body: "x" });
      expect(res.status, path).toBe(405);
      expect(res.headers.get("allow"), path).toBe("GET, HEAD");
      expect((await res.json()).error, path).toBe("method_not_allowed");
      const described = (await getJson(`${server.url}/api/openapi.json`)).body.paths[path];
      expect(Object.keys(described), path).toEqual(["get"]);
    }
  });

  it("requires METRICS_TOKEN for /metrics", async () => {
    const none = await getJson(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: "unauthorized", message: expect.any(String) });
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
  });

  it("moves the capture counters by exactly the captures sent", async () => {
    const bin = await createBin(server);
    const before = await scrape(server);
    for (let i = 0; i < 7; i++) {
      const res = await rawRequest(`${bin.captureUrl}/m/${i}`, { method: "POST", headers: [["Content-Length", "2"]], body: "hi" });
      expect(res.status).toBe(200);
    }
    expect((await rawRequest(`${server.url}/b/nosuchbin/x`, { method: "POST" })).status).toBe(404);
    const after = await scrape(server);
    expect(moved(before, after, 'hookjar_captures_total{outcome="stored"}')).toBe(7);
    expect(moved(before, after, 'hookjar_captures_total{outcome="refused"}')).toBe(1);
    expect(moved(before, after, 'hookjar_refused_requests_total{reason="bin_not_found"}')).toBe(1);
    expect(moved(before, after, "hookjar_capture_commit_seconds_count")).toBe(7);
    expect(after.get("hookjar_write_queue_depth")).toBe(0);
    expect(after.has("hookjar_sockets_connected")).toBe(true);
  });
});

describe("TRUST_PROXY", () => {
  const forwarded: [string, string][] = [["X-Forwarded-For", "203.0.113.7, 10.1.2.3"]];

  async function remoteAddressWith(env: Record<string, string>) {
    const target = await startServer(env);
    try {
      const bin = await createBin(target);
      const sent = await rawRequest(`${bin.captureUrl}/p`, { headers: forwarded });
      const { id } = JSON.parse(sent.body.toString());
      const { body } = await getJson(`${target.url}/api/bins/${bin.id}/requests/${id}`);
      // The header is stored as received whatever is trusted.
      expect(body.headers).toContainEqual(forwarded[0]);
      return body.remoteAddress as string;
    } finally {
      await target.stop();
    }
  }

  it("is off by default: the TCP peer is the client", async () => {
    expect(await remoteAddressWith({})).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it("takes the client from X-Forwarded-For through a hop count or trusted ranges only", async () => {
    expect(await remoteAddressWith({ TRUST_PROXY: "1" })).toBe("10.1.2.3");
    expect(await remoteAddressWith({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" })).toBe("203.0.113.7");
  });

  it("refuses a setting that is neither", async () => {
    await expect(startServer({ TRUST_PROXY: "10.0.0.0/99" })).rejects.toThrow(/Hookjar cannot start: invalid configuration: TRUST_PROXY: "10\.0\.0\.0\/99" is neither/);
  });
});

describe("HOOKJAR_BINS_FILE", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hookjar-bins-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the file's bins, and applying it again gives the same bins", async () => {
    const file = path.join(dir, "bins.yaml");
    writeFileSync(
      file,
      [
        "bins:",
        "  - id: github-test-bin",
        "    name: GitHub test",
        "    response: { status: 202, headers: [[X-Provisioned, 'yes']], body: accepted }",
        "    rules:",
        "      - match: { method: PUT }",
        "        respond: { status: 409, body: 'conflict on {{path}}' }",
        "  - id: stripe-test-bin",
        "    forward: { url: 'http://127.0.0.1:9/hooks' }",
        "",
      ].join("\n"),
    );
    const first = await startServer({ HOOKJAR_BINS_FILE: file });
    // Everything but the URLs, which name each run's own port.
    const read = async (target: TestServer) =>
      Promise.all(
        ["github-test-bin", "stripe-test-bin"].map(async (id) => {
          const { captureUrl: _c, inspectUrl: _i, ...bin } = (await getJson(`${target.url}/api/bins/${id}`)).body;
          return bin;
        }),
      );
    const bins = await read(first);
    expect(bins[0]).toMatchObject({ id: "github-test-bin", name: "GitHub test", response: { status: 202, headers: [["X-Provisioned", "yes"]], body: "accepted", delayMs: 0 }, forward: null });
    expect(bins[1]).toMatchObject({ id: "stripe-test-bin", name: null, response: null, forward: { url: "http://127.0.0.1:9/hooks", enabled: true } });
    const answer = await rawRequest(`${first.url}/b/github-test-bin/x`, { method: "POST" });
    expect(answer.status).toBe(202);
    expect(answer.body.toString()).toBe("accepted");
    const ruled = await rawRequest(`${first.url}/b/github-test-bin/y`, { method: "PUT" });
    expect([ruled.status, ruled.body.toString()]).toEqual([409, "conflict on /y"]);
    const rules = (await getJson(`${first.url}/api/bins/github-test-bin/rules`)).body;
    expect(rules).toMatchObject({ rules: [{ id: "rule-1", enabled: true, match: { method: "PUT" } }] });
    await first.stop(true);

    const second = await startServer({ HOOKJAR_BINS_FILE: file }, first.dbFile);
    try {
      const again = await read(second);
      expect(again).toEqual(bins.map((b, i) => ({ ...b, requestCount: i === 0 ? 2 : 0 })));
      expect((await getJson(`${second.url}/api/bins/github-test-bin/rules`)).body).toEqual(rules);
      expect(second.logs()).toMatch(/"created":0,"updated":2/);
    } finally {
      await second.stop();
    }
  });

  it("stops the start at a bad entry, naming it", async () => {
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ bins: [{ id: "good-bin-one" }, { id: "broken-bin", response: { status: 99 } }] }));
    await expect(startServer({ HOOKJAR_BINS_FILE: file })).rejects.toThrow(/Hookjar cannot start: HOOKJAR_BINS_FILE .*bad\.json: bins\[1\] "broken-bin": response\.status: The status must be a final answer/);
  });
});
