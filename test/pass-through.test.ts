import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, rawRequest } from "./helpers/http.ts";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { closedPort, startEcho, startSilent, type Echo } from "./helpers/target.ts";

// Forward mode "pass-through": the sender waits for the target and gets its own answer, which the
// capture records; the capture is stored first, whatever the target does.

let server: TestServer;
let echo: Echo;
beforeAll(async () => {
  [server, echo] = await Promise.all([
    startServer(),
    startEcho((req, res) => {
      res.writeHead(418, "I'm A Teapot", [["X-Target", "yes"], ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"], ["Content-Type", "text/plain"], ["Connection", "close"]]);
      res.end(`brewed ${req.method} ${req.url} ${req.body.toString()}`);
    }),
  ]);
});
afterAll(async () => void (await Promise.all([server?.stop(), echo?.close()])));

async function passThroughBin(url: string, timeoutMs?: number) {
  const bin = await createBin(server);
  const res = await fetch(`${server.url}/api/bins/${bin.id}/forward`, {
    method: "PUT",
    headers: { "content-type": "application/json", ...manage(bin) },
    body: JSON.stringify({ url, enabled: true, mode: "pass-through", ...(timeoutMs ? { timeoutMs } : {}) }),
  });
  expect(res.status).toBe(204);
  return bin;
}

const onlyCapture = async (binId: string) => {
  const { items } = (await getJson(`${server.url}/api/bins/${binId}/requests`)).body;
  expect(items).toHaveLength(1);
  return (await getJson(`${server.url}/api/bins/${binId}/requests/${items[0].id}`)).body;
};

describe("pass-through forwarding", () => {
  it("gives the sender the target's status, headers and body, and records them on the capture", async () => {
    const bin = await passThroughBin(`${echo.url}/app`);
    const answer = await rawRequest(`${bin.captureUrl}/hook?x=1`, { method: "POST", headers: [["Content-Type", "text/plain"]], body: "tea" });
    expect(answer.status).toBe(418);
    expect(answer.headers["x-target"]).toBe("yes");
    expect(answer.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(answer.body.toString()).toBe("brewed POST /app/hook?x=1 tea");
    expect(echo.received.at(-1)!.headers).toContainEqual(["X-Hookjar-Forwarded", bin.id]);

    const capture = await onlyCapture(bin.id);
    expect(capture.responseStatus).toBe(418);
    expect(capture.response).toMatchObject({ status: 418, forwarded: true, body: { encoding: "utf8", data: "brewed POST /app/hook?x=1 tea", truncated: false } });
    // As the target sent them (Node's Date included), less the hop-by-hop Connection.
    expect(capture.response.headers.filter(([name]: [string, string]) => name !== "Date")).toEqual([
      ["X-Target", "yes"], ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"], ["Content-Type", "text/plain"],
    ]);
    expect(capture.attempts).toMatchObject([{ kind: "forward", status: 418, try: 1 }]);
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.forward).toEqual({ url: `${echo.url}/app`, enabled: true, mode: "pass-through", timeoutMs: 10000 });
  });

  it("answers 502 when the target cannot be reached, with the capture stored and never retried", async () => {
    const bin = await passThroughBin(`http://127.0.0.1:${await closedPort()}/down`);
    const answer = await rawRequest(`${bin.captureUrl}/dead`, { method: "POST", body: "kept" });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ error: "target_unreachable", message: expect.stringMatching(/refused/) });
    const capture = await onlyCapture(bin.id);
    expect(capture.body).toEqual({ encoding: "utf8", data: "kept" });
    expect(capture.response).toMatchObject({ status: 502, forwarded: true });
    expect(capture.attempts).toMatchObject([{ kind: "forward", status: null, try: 1 }]);
    expect(capture.forwardRetry).toBeNull();
  });

  it("answers 504 when the target does not answer within timeoutMs, with the capture stored", async () => {
    const silent = await startSilent();
    try {
      const bin = await passThroughBin(`${silent.url}/slow`, 300);
      const answer = await rawRequest(`${bin.captureUrl}/slow`, { method: "POST", body: "waited" });
      expect(answer.status).toBe(504);
      expect(JSON.parse(answer.body.toString())).toMatchObject({ error: "target_timeout", message: expect.stringMatching(/300 ms/) });
      const capture = await onlyCapture(bin.id);
      expect(capture.body).toEqual({ encoding: "utf8", data: "waited" });
      expect(capture.response).toMatchObject({ status: 504, forwarded: true });
    } finally {
      await silent.close();
    }
  });

  it("refuses a timeout over 30 s", async () => {
    const bin = await createBin(server);
    const res = await fetch(`${server.url}/api/bins/${bin.id}/forward`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...manage(bin) },
      body: JSON.stringify({ url: echo.url, mode: "pass-through", timeoutMs: 30_001 }),
    });
    expect(res.status).toBe(400);
  });
});
