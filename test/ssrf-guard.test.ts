import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBin, manage, startServer, type CreatedBin, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";
import { startWithEcho, until, type Echo } from "./helpers/target.ts";

// A deployment that others can reach: RESEND_ALLOW_PRIVATE=false turns the guard on even though
// the test server listens on 127.0.0.1. Every target below is loopback, and none may be contacted.
let guarded: TestServer;
let echo: Echo;
let stop: () => Promise<void>;
beforeAll(async () => ({ server: guarded, echo, stop } = await startWithEcho({ RESEND_ALLOW_PRIVATE: "false" })));
afterAll(() => stop?.());

const put = (server: TestServer, bin: CreatedBin, path: string, body: unknown) =>
  fetch(`${server.url}/api/bins/${bin.id}${path}`, { method: "PUT", headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify(body) });

describe("SSRF guard on a shared deployment", () => {
  const port = () => new URL(echo.url).port;

  it("refuses loopback targets however they are spelled, before connecting", async () => {
    const hosts = ["127.0.0.1", "localhost", "127.1", "0x7f000001", "2130706433", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"];
    for (const host of hosts) {
      const res = await fetch(`${guarded.url}/api/resend`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ method: "POST", url: `http://${host}:${port()}/x`, headers: [], body: { encoding: "utf8", data: "secret" } }),
      });
      const body = await res.json();
      expect(res.status, host).toBe(400);
      expect(body.error, host).toBe("target_blocked");
      expect(body.message, host).toMatch(/loopback.*RESEND_ALLOW_PRIVATE/s);
    }
    expect(echo.connections()).toBe(0);
  });

  it("names the address a host name resolved to", async () => {
    const res = await fetch(`${guarded.url}/api/resend`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "GET", url: `http://localhost:${port()}/`, headers: [] }),
    });
    expect((await res.json()).message).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    expect(echo.connections()).toBe(0);
  });

  it("refuses to save a forward URL to a loopback target", async () => {
    const bin = await createBin(guarded);
    for (const url of [`${echo.url}/hooks`, `http://localhost:${port()}/`, `http://[::1]:${port()}/`]) {
      const res = await put(guarded, bin, "/forward", { url, enabled: true });
      expect(res.status, url).toBe(400);
      expect((await res.json()).error, url).toBe("target_blocked");
    }
    expect((await getJson(`${guarded.url}/api/bins/${bin.id}`)).body.forward).toBeNull();
  });

  it("refuses at forwarding time a target saved while private targets were allowed", async () => {
    // Saved by a loopback-only server; then the same database is served by a shared one.
    const open = await startServer();
    let binId: string;
    try {
      const bin = await createBin(open);
      binId = bin.id;
      expect((await put(open, bin, "/forward", { url: `${echo.url}/hooks`, enabled: true })).status).toBe(204);
    } finally {
      await open.stop(true);
    }
    const shared = await startServer({ RESEND_ALLOW_PRIVATE: "false" }, open.dbFile);
    try {
      const sent = await rawRequest(`${shared.url}/b/${binId}/p`, { method: "POST", body: "payload" });
      expect(sent.status).toBe(200);
      const id = JSON.parse(sent.body.toString()).id;
      const attempt = await until(async () => {
        const { body } = await getJson(`${shared.url}/api/bins/${binId}/requests/${id}`);
        return body.attempts[0];
      }, 5000, "the forward attempt");
      expect(attempt).toMatchObject({ kind: "forward", status: null, error: expect.stringMatching(/Refusing.*loopback/) });
      expect(echo.connections()).toBe(0);
    } finally {
      await shared.stop();
    }
  });
});
