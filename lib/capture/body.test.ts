import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { readBody, type BodyResult } from "./body.ts";

/** Sends `chunks` as one request's body to a real server on 127.0.0.1 and answers what readBody made of it. */
async function read(chunks: Buffer[], limit = 1 << 20): Promise<BodyResult> {
  let result!: Promise<BodyResult>;
  const server = createServer((req, res) => {
    result = readBody(req, limit);
    void result.then(() => res.end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: "POST" }, (res) => res.resume().on("end", resolve));
      req.on("error", reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
    return await result;
  } finally {
    server.close();
  }
}

describe("readBody", () => {
  it("joins the chunks byte for byte into memory of the body's own, not a slice of Node's shared pool", async () => {
    const chunks = [Buffer.from('{"event":"push",'), Buffer.from([0, 255, 10]), Buffer.from('"x":1}')];
    const got = await read(chunks);
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(Buffer.from(got.body).equals(Buffer.concat(chunks))).toBe(true);
    // A pooled view would be copied to the writer thread with the whole slab it sits in.
    expect(got.body.byteOffset).toBe(0);
    expect(got.body.buffer.byteLength).toBe(got.body.length);
  });

  it("reports a body past the limit as a failure", async () => {
    expect((await read([Buffer.alloc(600), Buffer.alloc(600)], 1000)).ok).toBe(false);
  });
});
