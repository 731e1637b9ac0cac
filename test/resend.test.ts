import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBin, manage, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";
import { closedPort, startEcho, startSilent, startWithEcho, withoutTransport, type Echo } from "./helpers/target.ts";
import { resendAcrossDeletion } from "./helpers/attempts.ts";

// The server listens on 127.0.0.1 (the default), so resending to this machine is allowed.
let server: TestServer;
let echo: Echo;
let stop: () => Promise<void>;
beforeAll(async () => ({ server, echo, stop } = await startWithEcho()));
afterAll(() => stop?.());

const resend = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/resend`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function resendJson(body: unknown, headers?: Record<string, string>) {
  const res = await resend(body, headers);
  return { status: res.status, body: await res.json() };
}

describe("POST /api/resend", () => {
  it("sends exactly the given method, header pairs (order, case, duplicates) and binary body", async () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
    const headers: [string, string][] = [
      ["X-Zeta", "sent first"],
      ["content-TYPE", "application/octet-stream"],
      ["X-Dup", "one"],
      ["accept", "*/*"],
      ["X-Dup", "two"],
      ["X-Spaces", "a  b\tc"],
    ];
    const before = echo.received.length;
    const { status, body } = await resendJson({
      method: "patch",
      url: `${echo.url}/target/path?a=1&a=2&b=%2F`,
      headers,
      body: { encoding: "base64", data: bytes.toString("base64") },
    });
    expect(status).toBe(200);
    expect(echo.received.length).toBe(before + 1);
    const got = echo.received.at(-1)!;
    expect(got.method).toBe("PATCH");
    expect(got.url).toBe("/target/path?a=1&a=2&b=%2F");
    expect(withoutTransport(got.headers)).toEqual(headers);
    expect(got.headers[0]).toEqual(["Host", new URL(echo.url).host]);
    expect(got.headers).toContainEqual(["Content-Length", "512"]);
    expect(got.headers.map(([n]) => n.toLowerCase())).not.toContain("transfer-encoding");
    expect(got.body.equals(bytes)).toBe(true);

    expect(body).toMatchObject({ status: 201, statusText: "Created Here", body: { encoding: "utf8", data: "hello from echo", truncated: false } });
    expect(body.headers).toContainEqual(["X-Echo", "yes"]);
    expect(body.durationMs).toEqual(expect.any(Number));
  });

  it("sends a non-standard method, a given Host as is, and no body framing on a bodiless GET", async () => {
    await resendJson({ method: "PROPFIND", url: `${echo.url}/dav`, headers: [["Host", "custom.example"], ["Depth", "1"]] });
    const propfind = echo.received.at(-1)!;
    expect(propfind.method).toBe("PROPFIND");
    expect(propfind.headers.slice(0, 2)).toEqual([["Host", "custom.example"], ["Depth", "1"]]);

    await resendJson({ method: "GET", url: `${echo.url}/plain`, headers: [] });
    const get = echo.received.at(-1)!;
    expect(get.headers.map(([n]) => n.toLowerCase())).toEqual(["host", "connection"]);
    expect(get.body.length).toBe(0);

    await resendJson({ method: "POST", url: `${echo.url}/empty`, headers: [] });
    expect(echo.received.at(-1)!.headers).toContainEqual(["Content-Length", "0"]);
  });

  it("reaches this machine by name and by other spellings of loopback", async () => {
    const port = new URL(echo.url).port;
    for (const host of ["localhost", "127.1", "0x7f000001", "2130706433"]) {
      const before = echo.received.length;
      const { status } = await resendJson({ method: "GET", url: `http://${host}:${port}/alias`, headers: [] });
      expect(status, host).toBe(200);
      expect(echo.received.length, host).toBe(before + 1);
    }
  });

  it("answers binary bodies as base64, truncates past 1 MiB, and does not follow redirects", async () => {
    const big = Buffer.alloc(1024 * 1024 + 4096, 0xfe);
    const target = await startEcho((req, res) => {
      if (req.url === "/redirect") {
        res.writeHead(302, { Location: "/elsewhere" });
        return res.end();
      }
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      res.end(req.url === "/big" ? big : Buffer.from([0xff, 0x00, 0xc3]));
    });
    try {
      const small = await resendJson({ method: "GET", url: `${target.url}/bin`, headers: [] });
      expect(small.body.body).toEqual({ encoding: "base64", data: Buffer.from([0xff, 0x00, 0xc3]).toString("base64"), truncated: false });

      const large = await resendJson({ method: "GET", url: `${target.url}/big`, headers: [] });
      expect(large.status).toBe(200);
      expect(large.body.body.truncated).toBe(true);
      expect(Buffer.from(large.body.body.data, "base64").equals(big.subarray(0, 1024 * 1024))).toBe(true);

      const redirect = await resendJson({ method: "GET", url: `${target.url}/redirect`, headers: [] });
      expect(redirect.body.status).toBe(302);
      expect(redirect.body.headers).toContainEqual(["Location", "/elsewhere"]);
      expect(target.received.map((r) => r.url)).toEqual(["/bin", "/big", "/redirect"]);
    } finally {
      await target.close();
    }
  });

  it("answers 504 target_timeout when the target never answers, within the timeout", async () => {
    const silent = await startSilent();
    try {
      const started = Date.now();
      const { status, body } = await resendJson({ method: "GET", url: `${silent.url}/`, headers: [], timeoutMs: 1000 });
      const elapsed = Date.now() - started;
      expect(status).toBe(504);
      expect(body).toMatchObject({ error: "target_timeout", message: expect.stringMatching(/did not answer within 1000 ms/) });
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5000);
    } finally {
      await silent.close();
    }
  });

  it("answers 502 target_unreachable for a closed port", async () => {
    const { status, body } = await resendJson({ method: "GET", url: `http://127.0.0.1:${await closedPort()}/`, headers: [] });
    expect(status).toBe(502);
    expect(body).toMatchObject({ error: "target_unreachable", message: expect.stringMatching(/refused/) });
  });
});

describe("resend attempts", () => {
  it("stores each resend of a capture and returns it with the capture", async () => {
    const bin = await createBin(server);
    const sent = await rawRequest(`${bin.captureUrl}/orig`, { method: "POST", body: "original" });
    const captureId = JSON.parse(sent.body.toString()).id;

    const ok = await resendJson({ method: "PUT", url: `${echo.url}/again`, headers: [["X-Edit", "1"]], body: { encoding: "utf8", data: "edited" }, captureId }, manage(bin));
    expect(ok.status).toBe(200);
    const down = await resendJson({ method: "PUT", url: `http://127.0.0.1:${await closedPort()}/`, headers: [], captureId }, manage(bin));
    expect(down.status).toBe(502);

    const { body: capture } = await getJson(`${server.url}/api/bins/${bin.id}/requests/${captureId}`);
    expect(capture.attempts).toHaveLength(2);
    const [failed, succeeded] = capture.attempts;
    expect(succeeded).toMatchObject({ kind: "resend", method: "PUT", url: `${echo.url}/again`, status: 201, error: null });
    expect(failed).toMatchObject({ kind: "resend", method: "PUT", status: null, error: expect.stringMatching(/refused/) });
    expect(new Date(succeeded.createdAt).toISOString()).toBe(succeeded.createdAt);
    // What was sent is kept, so the attempt can be opened in the editor again.
    // With the sha256 of the bytes sent: an edited body is not the capture's.
    expect(succeeded.request).toEqual({ headers: [["X-Edit", "1"]], body: { encoding: "utf8", data: "edited" }, sha256: createHash("sha256").update("edited").digest("hex") });
    expect(succeeded.request.sha256).not.toBe(capture.bodySha256);
    expect(failed.request).toEqual({ headers: [], body: { encoding: "utf8", data: "" }, sha256: createHash("sha256").update("").digest("hex") });
  });

  it("answers resends whose capture was deleted on their way, and keeps the attempts that finished with them", () => resendAcrossDeletion(server));

  it("needs the manage key to record an attempt on a capture, the view token of a private bin not being enough", async () => {
    const bin = await createBin(server, { private: true });
    const sent = await rawRequest(bin.captureUrl, { method: "POST", body: "secret" });
    const captureId = JSON.parse(sent.body.toString()).id;
    const before = echo.connections();
    for (const headers of [{}, { authorization: `Bearer ${bin.viewToken}` }] as Record<string, string>[]) {
      const denied = await resendJson({ method: "GET", url: `${echo.url}/`, headers: [], captureId }, headers);
      expect(denied.status).toBe(403);
      expect(denied.body.error).toBe("forbidden");
    }
    expect(echo.connections()).toBe(before);

    const allowed = await resend({ method: "GET", url: `${echo.url}/private`, headers: [], captureId }, manage(bin));
    expect(allowed.status).toBe(200);
    const capture = await fetch(`${server.url}/api/bins/${bin.id}/requests/${captureId}`, { headers: { authorization: `Bearer ${bin.viewToken}` } });
    expect((await capture.json()).attempts).toMatchObject([{ kind: "resend", url: `${echo.url}/private`, status: 201 }]);
  });

  it("404s a captureId that does not exist, without sending anything", async () => {
    const before = echo.connections();
    const { status, body } = await resendJson({ method: "GET", url: `${echo.url}/`, headers: [], captureId: "01ARZ3NDEKTSV4RRFFQ69G5FAV" });
    expect(status).toBe(404);
    expect(body.error).toBe("capture_not_found");
    expect(echo.connections()).toBe(before);
  });
});

describe("resend input", () => {
  const valid = () => ({ method: "GET", url: `${echo.url}/`, headers: [] as [string, string][] });

  it("refuses a malformed body with 400 and the issues", async () => {
    for (const bad of [{}, { method: "GET" }, { ...valid(), headers: "X-A: 1" }, { ...valid(), method: "GE T" }, { ...valid(), timeoutMs: 30_001 }, { ...valid(), body: { encoding: "hex", data: "00" } }]) {
      const { status, body } = await resendJson(bad);
      expect(status, JSON.stringify(bad)).toBe(400);
      expect(body.error).toBe("invalid_request");
      expect(body.issues.length).toBeGreaterThan(0);
    }
    expect((await resendJson("{not json")).body.error).toBe("invalid_json");
  });

  it("validates base64 strictly", async () => {
    for (const data of ["abc", "ab$=", "YWJj\n", "YW=Jj"]) {
      const { status, body } = await resendJson({ ...valid(), body: { encoding: "base64", data } });
      expect(status, data).toBe(400);
      expect(body.issues[0].path).toEqual(["body", "data"]);
    }
    expect((await resendJson({ ...valid(), body: { encoding: "base64", data: "YWJj" } })).status).toBe(200);
  });

  it("refuses non-http(s) URLs and URLs with credentials", async () => {
    for (const url of ["ftp://127.0.0.1/file", "file:///etc/passwd", "gopher://127.0.0.1:70/", `http://user:pw@127.0.0.1:${new URL(echo.url).port}/`, "not a url"]) {
      const { status, body } = await resendJson({ ...valid(), url });
      expect(status, url).toBe(400);
      expect(body.issues[0].path, url).toEqual(["url"]);
    }
  });

  it("refuses header names and values that could smuggle a header line", async () => {
    const before = echo.connections();
    for (const header of [["X-Ok", "a\r\nX-Injected: 1"], ["X-Ok", "a\nb"], ["X-Ok", "a\0b"], ["Bad Name", "x"], ["X-Ok\r\n", "x"], ["", "x"]]) {
      const { status, body } = await resendJson({ ...valid(), headers: [header] });
      expect(status, JSON.stringify(header)).toBe(400);
      expect(body.issues[0].path.slice(0, 2), JSON.stringify(header)).toEqual(["headers", 0]);
    }
    expect(echo.connections()).toBe(before);
  });
});
