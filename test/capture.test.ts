import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";

const LIMIT = 64 * 1024;
let server: TestServer;
let binId: string;

beforeAll(async () => {
  server = await startServer({ MAX_BODY_BYTES: String(LIMIT) });
  binId = (await createBin(server)).id;
});
afterAll(() => server?.stop());

async function latest(bin = binId) {
  const list = await getJson(`${server.url}/api/bins/${bin}/requests?limit=1`);
  return (await getJson(`${server.url}/api/bins/${bin}/requests/${list.body.items[0].id}`)).body;
}

async function storedBody(id: string, bin = binId) {
  const res = await fetch(`${server.url}/api/bins/${bin}/requests/${id}/body`);
  return { bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get("content-type") };
}

async function count(bin = binId): Promise<number> {
  return (await getJson(`${server.url}/api/bins/${bin}`)).body.requestCount;
}

describe("capture path", () => {
  const query = "a=1&a=2&path=%2Fx%2Fy&plus=a+b&empty=&flag&sp%20ace=%E2%9C%93";

  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PROPFIND", "PURGE"]) {
    it(`captures ${method} with its sub-path and raw query`, async () => {
      const res = await rawRequest(server.url, { method, path: `/b/${binId}/deep/sub/${method.toLowerCase()}?${query}` });
      expect(res.status).toBe(200);
      const id = method === "HEAD" ? null : JSON.parse(res.body.toString()).id;
      const capture = await latest();
      if (id) expect(capture.id).toBe(id);
      expect(capture.method).toBe(method);
      expect(capture.path).toBe(`/deep/sub/${method.toLowerCase()}`);
      expect(capture.query).toBe(query);
    });
  }

  it("stores / as the path when there is no sub-path, and an empty query when none is sent", async () => {
    await rawRequest(server.url, { method: "POST", path: `/b/${binId}` });
    const capture = await latest();
    expect(capture.path).toBe("/");
    expect(capture.query).toBe("");
  });

  it("keeps header names' case and order, and both of a duplicated header", async () => {
    const headers: [string, string][] = [
      ["X-Zeta", "last-alphabetically-first-sent"],
      ["x-MiXeD-CaSe", "Value With  Spaces"],
      ["X-Dup", "one"],
      ["Accept", "*/*"],
      ["X-Dup", "two"],
    ];
    await rawRequest(server.url, { method: "POST", path: `/b/${binId}/h`, headers, body: "x" });
    const capture = await latest();
    const sent = capture.headers.filter(([name]: [string]) => !["Host", "Connection", "Content-Length", "Transfer-Encoding"].includes(name));
    expect(sent).toEqual(headers);
    expect(capture.headers.map(([n]: [string]) => n)).toContain("Host");
  });

  it("stores a body holding all 256 byte values byte-identical", async () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const res = await rawRequest(server.url, {
      method: "POST",
      path: `/b/${binId}/bin`,
      headers: [["Content-Type", "application/octet-stream"]],
      body: bytes,
    });
    const { id } = JSON.parse(res.body.toString());
    const stored = await storedBody(id);
    expect(stored.bytes.equals(bytes)).toBe(true);
    expect(stored.contentType).toBe("application/octet-stream");
    const capture = (await getJson(`${server.url}/api/bins/${binId}/requests/${id}`)).body;
    expect(capture.body.encoding).toBe("base64");
    expect(Buffer.from(capture.body.data, "base64").equals(bytes)).toBe(true);
    expect(capture.bodySize).toBe(512);
  });

  it("keeps a gzip body compressed, exactly as sent", async () => {
    const gz = gzipSync(JSON.stringify({ event: "push", n: 42 }));
    const res = await rawRequest(server.url, {
      method: "POST",
      path: `/b/${binId}/gz`,
      headers: [["Content-Type", "application/json"], ["Content-Encoding", "gzip"]],
      body: gz,
    });
    const stored = await storedBody(JSON.parse(res.body.toString()).id);
    expect(stored.bytes.equals(gz)).toBe(true);
  });

  it("keeps a multipart upload byte-identical", async () => {
    const form = new FormData();
    form.append("field", "välue");
    form.append("file", new Blob([Buffer.from([0, 255, 1, 254, 13, 10])], { type: "image/png" }), "pixel.png");
    const encoded = new Response(form);
    const contentType = encoded.headers.get("content-type")!;
    const body = Buffer.from(await encoded.arrayBuffer());
    const res = await rawRequest(server.url, { method: "POST", path: `/b/${binId}/upload`, headers: [["Content-Type", contentType]], body });
    const stored = await storedBody(JSON.parse(res.body.toString()).id);
    expect(stored.bytes.equals(body)).toBe(true);
    expect(stored.contentType).toBe(contentType);
  });

  it("stores a body of exactly MAX_BODY_BYTES, and refuses one byte more with 413 and nothing stored", async () => {
    const { id: bin } = await createBin(server);
    const exact = Buffer.alloc(LIMIT, 7);
    const ok = await rawRequest(server.url, { method: "POST", path: `/b/${bin}/exact`, body: exact });
    expect(ok.status).toBe(200);
    expect((await storedBody(JSON.parse(ok.body.toString()).id, bin)).bytes.length).toBe(LIMIT);
    expect(await count(bin)).toBe(1);

    const over = await rawRequest(server.url, { method: "POST", path: `/b/${bin}/over`, body: Buffer.alloc(LIMIT + 1, 7) });
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body.toString())).toMatchObject({ error: "payload_too_large", limit: LIMIT });
    expect(await count(bin)).toBe(1);
  });

  it("refuses an oversized chunked body (no Content-Length) the same way", async () => {
    const { id: bin } = await createBin(server);
    const res = await rawRequest(server.url, {
      method: "POST",
      path: `/b/${bin}/chunked`,
      headers: [["Transfer-Encoding", "chunked"]],
      body: Buffer.alloc(LIMIT + 10, 1),
    });
    expect(res.status).toBe(413);
    expect(await count(bin)).toBe(0);
  });

  it("answers 404 for an unknown bin and stores nothing, readable by a browser sender", async () => {
    const res = await rawRequest(server.url, { method: "POST", path: "/b/NoSuchBin0000000000000/x", body: "hi", headers: [["Origin", "https://app.example"]] });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body.toString()).error).toBe("bin_not_found");
    expect(res.headers["access-control-allow-origin"]).toBe("https://app.example");
  });

  it("sends the default answer's headers once each, CORS with them", async () => {
    const { id: bin } = await createBin(server);
    const res = await rawRequest(server.url, { method: "POST", path: `/b/${bin}`, body: "{}", headers: [["Origin", "https://app.example"]] });
    expect(res.status).toBe(200);
    const names = res.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
    expect(names.filter((name) => name === "access-control-allow-origin" || name === "content-type")).toEqual(["access-control-allow-origin", "content-type"]);
    expect(res.headers["access-control-allow-origin"]).toBe("https://app.example");
    expect(JSON.parse(res.body.toString())).toMatchObject({ ok: true });
  });

  it("answers a CORS preflight and still captures it", async () => {
    const { id: bin } = await createBin(server);
    const res = await rawRequest(server.url, {
      method: "OPTIONS",
      path: `/b/${bin}/cors`,
      headers: [["Origin", "https://app.example"], ["Access-Control-Request-Method", "PUT"], ["Access-Control-Request-Headers", "x-signature"]],
    });
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe("https://app.example");
    expect(res.headers["access-control-allow-methods"]).toBe("PUT");
    expect(res.headers["access-control-allow-headers"]).toBe("x-signature");
    expect(await count(bin)).toBe(1);
  });

  it("makes the capture readable as soon as the sender has its 2xx", async () => {
    const { id: bin } = await createBin(server);
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => rawRequest(server.url, { method: "POST", path: `/b/${bin}/n/${i}`, body: String(i) })),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const { id } = JSON.parse(answer.body.toString());
      const capture = await getJson(`${server.url}/api/bins/${bin}/requests/${id}`);
      expect(capture.status).toBe(200);
    }
    expect(await count(bin)).toBe(25);
  });

  it("answers with the bin's custom response when one is set", async () => {
    const created = await createBin(server);
    const bin = created.id;
    const put = await fetch(`${server.url}/api/bins/${bin}/response`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...manage(created) },
      body: JSON.stringify({ status: 418, headers: [["X-Teapot", "yes"], ["Content-Length", "999"]], body: "short and stout" }),
    });
    expect(put.status).toBe(204);
    const res = await rawRequest(server.url, { method: "POST", path: `/b/${bin}` });
    expect(res.status).toBe(418);
    expect(res.headers["x-teapot"]).toBe("yes");
    expect(res.body.toString()).toBe("short and stout");
    // Framing is Node's: a custom Content-Length that disagreed with the body is not sent.
    expect(res.headers["content-length"]).toBe("15");
    expect(await count(bin)).toBe(1);
  });
});
