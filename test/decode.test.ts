import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipBomb } from "./helpers/bomb.ts";
import { rawRequest } from "./helpers/http.ts";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const PAYLOAD = JSON.stringify({ event: "order.paid", amount: 4200, note: "décodé" });

async function send(captureUrl: string, encoding: string, body: Buffer) {
  const res = await rawRequest(captureUrl, { method: "POST", headers: [["Content-Type", "application/json"], ["Content-Encoding", encoding]], body });
  expect(res.status).toBe(200);
  return JSON.parse(res.body.toString()).id as string;
}

const bodyUrl = (binId: string, id: string, query = "") => `${server.url}/api/bins/${binId}/requests/${id}/body${query}`;

describe("GET …/body?decode=true", () => {
  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["deflate (raw, as some senders send it)", deflateRawSync],
    ["br", brotliCompressSync],
  ] as const)("undoes %s and keeps the stored bytes as sent", async (name, compress) => {
    const bin = await createBin(server);
    const sent = compress(Buffer.from(PAYLOAD));
    const id = await send(bin.captureUrl, name.split(" ")[0], sent);

    const decoded = await fetch(bodyUrl(bin.id, id, "?decode=true"));
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get("x-hookjar-decoded")).toBe(name.split(" ")[0]);
    expect(decoded.headers.get("content-type")).toBe("application/json");
    expect(await decoded.text()).toBe(PAYLOAD);

    const raw = Buffer.from(await (await fetch(bodyUrl(bin.id, id))).arrayBuffer());
    expect(raw.equals(sent)).toBe(true);
  });

  it("undoes several codings in reverse order and leaves a body without one alone", async () => {
    const bin = await createBin(server);
    const id = await send(bin.captureUrl, "gzip, br", brotliCompressSync(gzipSync(Buffer.from(PAYLOAD))));
    expect(await (await fetch(bodyUrl(bin.id, id, "?decode=1"))).text()).toBe(PAYLOAD);

    const plain = JSON.parse((await rawRequest(bin.captureUrl, { method: "POST", body: "plain" })).body.toString()).id;
    const res = await fetch(bodyUrl(bin.id, plain, "?decode=true"));
    expect(res.headers.get("x-hookjar-decoded")).toBeNull();
    expect(await res.text()).toBe("plain");
  });

  it("answers undecodable_body for corrupt data and an unknown coding; 400 for a bad flag", async () => {
    const bin = await createBin(server);
    const corrupt = gzipSync(Buffer.from(PAYLOAD));
    corrupt.fill(0x41, 10, 30);
    const id = await send(bin.captureUrl, "gzip", corrupt);
    const res = await fetch(bodyUrl(bin.id, id, "?decode=true"));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: "undecodable_body", message: expect.stringContaining("not valid gzip data") });

    const zstd = await send(bin.captureUrl, "zstd", Buffer.from("whatever"));
    const unknown = await fetch(bodyUrl(bin.id, zstd, "?decode=true"));
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).message).toContain('"zstd"');

    expect((await fetch(bodyUrl(bin.id, id, "?decode=maybe"))).status).toBe(400);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    const op = doc.paths["/api/bins/{id}/requests/{rid}/body"].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(["download", "decode"]);
    expect(op.responses["422"].description).toContain("decoded_too_large");
    const exportOp = doc.paths["/api/bins/{id}/export"].get;
    expect(exportOp.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["format", "ids", "method", "q", "header", "duplicates"]));
  });
});

describe("GET …/export with the list's filters", () => {
  it("exports only what the filters match, in both formats", async () => {
    const bin = await createBin(server);
    for (const [method, body] of [["POST", "alpha"], ["PUT", "beta"], ["POST", "gamma"], ["POST", "alphabet"]]) {
      await rawRequest(bin.captureUrl, { method, body });
    }
    const json = await (await fetch(`${server.url}/api/bins/${bin.id}/export?format=json&method=POST&q=alpha`)).json();
    expect(json.map((c: { body: { data: string } }) => c.body.data)).toEqual(["alphabet", "alpha"]);
    const har = await (await fetch(`${server.url}/api/bins/${bin.id}/export?format=har&method=PUT`)).json();
    expect(har.log.entries.map((e: { request: { postData: { text: string } } }) => e.request.postData.text)).toEqual(["beta"]);
    const all = await (await fetch(`${server.url}/api/bins/${bin.id}/export`)).json();
    expect(all).toHaveLength(4);
    const none = await (await fetch(`${server.url}/api/bins/${bin.id}/export?q=nothing-like-this`)).json();
    expect(none).toEqual([]);
    const bad = await fetch(`${server.url}/api/bins/${bin.id}/export?method=N0T!`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_request" });
  });

  it("pages through more matches than one page holds", async () => {
    const bin = await createBin(server);
    for (let i = 0; i < 45; i++) await rawRequest(bin.captureUrl, { method: i % 3 ? "POST" : "PUT", body: `n${i}` });
    const json = await (await fetch(`${server.url}/api/bins/${bin.id}/export?format=json&method=POST`)).json();
    expect(json).toHaveLength(30);
    expect(json.map((c: { body: { data: string } }) => c.body.data)).toEqual(
      Array.from({ length: 45 }, (_, i) => i).filter((i) => i % 3).reverse().map((i) => `n${i}`),
    );
  });
});

// Last: the bomb's 10 MiB of high-entropy bytes also go through whatever the server does with a
// stored capture afterwards, and a later capture must still be answered.
describe("a gzip bomb", () => {
  it("refuses a gzip bomb with decoded_too_large and its limit, and keeps serving", async () => {
    const bin = await createBin(server);
    const bomb = gzipBomb();
    expect(bomb.body.length).toBeGreaterThan(9 * 1024 * 1024);
    expect(bomb.body.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    expect(bomb.expanded).toBeGreaterThan(1024 * 1024 * 1024);
    const id = await send(bin.captureUrl, "gzip", bomb.body);

    const res = await fetch(bodyUrl(bin.id, id, "?decode=true"));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: "decoded_too_large", message: expect.stringMatching(/^Too large to decode.*10485760 bytes/), limit: 10 * 1024 * 1024 });
    // The raw bytes are still there, and the server still captures.
    expect((await (await fetch(bodyUrl(bin.id, id))).arrayBuffer()).byteLength).toBe(bomb.body.length);
    const after = await send(bin.captureUrl, "gzip", gzipSync(Buffer.from(PAYLOAD)));
    expect(await (await fetch(bodyUrl(bin.id, after, "?decode=true"))).text()).toBe(PAYLOAD);
  });
});
