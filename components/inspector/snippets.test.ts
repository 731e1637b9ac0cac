import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaptureView } from "../../lib/schemas/capture.ts";
import { captureRequestUrl, printfFormat, shellQuote, toCurl, toFetch } from "./snippets.ts";
import { SHELLS } from "../../test/helpers/shells.ts";

type Received = { method: string; url: string; headers: [string, string][]; body: Buffer; httpVersion: string };

// A loopback server that records each request as the capture path would, and serves the body
// endpoint for captures registered in `bodies`.
let server: Server;
let origin: string;
const received: Received[] = [];
const bodies = new Map<string, Buffer>();
// Bodies of a private bin's captures: served only with this token, as the real API does.
const TOKEN = "s3cretViewToken0123456789abcdefX";
const privateBodies = new Map<string, Buffer>();
// The commands run here, with their own TMPDIR: a file left behind in either would show.
const workDir = mkdtempSync(path.join(tmpdir(), "hookjar-snippets-"));
const tempDir = mkdtempSync(path.join(tmpdir(), "hookjar-snippets-tmp-"));
const leftBehind = () => [...readdirSync(workDir), ...readdirSync(tempDir)];

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = /^\/api\/bins\/bin\/requests\/([^/]+)\/body$/.exec(req.url!);
    if (body && privateBodies.has(body[1])) {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end("unauthorized");
      return res.end(privateBodies.get(body[1]));
    }
    if (body) return res.end(bodies.get(body[1]));
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      received.push({ method: req.method!, url: req.url!, headers, body: Buffer.concat(chunks), httpVersion: req.httpVersion });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(workDir, { recursive: true, force: true });
  rmSync(tempDir, { recursive: true, force: true });
});

function capture(overrides: Partial<CaptureView> & { bytes?: Buffer }): CaptureView {
  const { bytes = Buffer.alloc(0), ...rest } = overrides;
  const text = bytes.toString("utf8");
  const body = Buffer.from(text, "utf8").equals(bytes)
    ? { encoding: "utf8" as const, data: text }
    : { encoding: "base64" as const, data: bytes.toString("base64") };
  return {
    id: "01J00000000000000000000000", seq: 1, responseStatus: 200, fault: null, scheme: null, response: null, binId: "bin", method: "POST", path: "/", query: "", contentType: null,
    bodySize: bytes.length, remoteAddress: "127.0.0.1", receivedAt: "2026-01-01T00:00:00.000Z", deliveryId: null, duplicateOf: null, bodySha256: "", forward: null,
    headers: [STALE_HOST], httpVersion: "1.1", body, attempts: [], forwardRetry: null, ...rest,
  };
}

// Captured by a server elsewhere: the commands are run against this test's own server instead.
const STALE_HOST: [string, string] = ["Host", "hooks.example.com:8443"];
const TRANSPORT = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive", "expect", "te", "trailer", "upgrade"]);

/**
 * What arrived is the capture's message: its headers in order, less the transport's own, which
 * curl wrote for where it was sent (one Host, one Content-Length that fits the body).
 */
function expectSent(got: Received, c: CaptureView, bytes = Buffer.alloc(0)) {
  const named = (name: string) => got.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
  expect(got.headers.filter(([n]) => n.toLowerCase() !== "host" && n.toLowerCase() !== "content-length")).toEqual(
    c.headers.filter(([n]) => !TRANSPORT.has(n.toLowerCase())),
  );
  expect(named("host")).toEqual([new URL(origin).host]);
  expect(named("content-length")).toEqual(bytes.length || c.headers.some(([n]) => n.toLowerCase() === "content-length") ? [String(bytes.length)] : []);
  expect(named("transfer-encoding")).toEqual([]);
  expect(got.body.equals(bytes)).toBe(true);
}


function runIn(shell: string, command: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(shell, ["-c", command], { cwd: workDir, env: { ...process.env, TMPDIR: tempDir }, timeout: 15_000 }, (error, _out, stderr) =>
      error ? reject(new Error(`${shell}: ${error.message}\n${stderr}`)) : resolve(),
    ),
  );
}

/** Runs the capture's cURL command in every shell; what the loopback server received, once per shell. */
async function replayAll(c: CaptureView, viewToken: string | null = null): Promise<Received[]> {
  const got: Received[] = [];
  for (const shell of SHELLS) {
    const before = received.length;
    await runIn(shell, toCurl(c, `${origin}/b/bin`, viewToken));
    expect(received.length, shell).toBe(before + 1);
    got.push(received[before]);
  }
  return got;
}

/** The request as the first shell sent it, after checking that every shell sent the same. */
async function replay(c: CaptureView, viewToken: string | null = null): Promise<Received> {
  const [first, ...rest] = await replayAll(c, viewToken);
  for (const other of rest) expect(other).toEqual(first);
  return first;
}

describe("toCurl", () => {
  const host = () => STALE_HOST;

  it("reproduces a JSON POST: headers in order with case and duplicates, body bytes", async () => {
    const bytes = Buffer.from(`{"msg":"it's 100% \\"quoted\\" — ünïcode\\n","n":1}\nsecond line\twith tab`);
    const c = capture({
      path: "/github/push", query: "x=1&y=%2F&z=[a]",
      headers: [host(), ["Content-Type", "application/json"], ["X-Dup", "1"], ["x-dup", "2"], ["X-Empty", ""], ["Content-Length", String(bytes.length)], ["User-Agent", "GitHub-Hookshot/abc"]],
      bytes,
    });
    const got = await replay(c);
    expect(got.method).toBe("POST");
    expect(got.url).toBe("/b/bin/github/push?x=1&y=%2F&z=[a]");
    expectSent(got, c, bytes);
  });

  it("reproduces binary bodies with NUL, CR, quotes, percent and backslashes through printf", async () => {
    const bytes = Buffer.from([0, 1, 0x0d, 0x0a, 0x27, 0x25, 0x5c, 0x22, 0x41, 0xff, 0xfe, 0x80, 0x7f, 0x24, 0x60]);
    const c = capture({ method: "PUT", headers: [host(), ["Content-Type", "application/octet-stream"], ["Content-Length", String(bytes.length)]], bytes });
    const got = await replay(c);
    expect(got.method).toBe("PUT");
    expectSent(got, c, bytes);
  });

  it("keeps a body larger than curl's Expect threshold, without adding headers", async () => {
    const bytes = Buffer.alloc(5000, "abc\r\n");
    const c = capture({ headers: [host(), ["Content-Length", String(bytes.length)]], bytes });
    const got = await replay(c);
    expectSent(got, c, bytes);
  });

  it("fetches a large body from the capture's body endpoint into a file, then sends it", async () => {
    const bytes = randomBytes(300 * 1024);
    const c = capture({ id: "01JLARGE0000000000000000000", headers: [host(), ["Content-Length", String(bytes.length)]], bytes });
    bodies.set(c.id, bytes);
    const command = toCurl(c, `${origin}/b/bin`);
    expect(command.length).toBeLessThan(2000);
    const got = await replay(c);
    expectSent(got, c, bytes);
    // The temporary file is gone, and nothing was written where the command ran.
    expect(command).toContain("mktemp");
    expect(leftBehind()).toEqual([]);
  });

  it("leaves the transport's headers to curl: no stale Host, Content-Length, Transfer-Encoding or Connection", async () => {
    const bytes = Buffer.from('{"chunked":true}');
    const c = capture({
      headers: [host(), ["Transfer-Encoding", "chunked"], ["Connection", "keep-alive, X-Hop"], ["X-Hop", "1"], ["Content-Length", "999"], ["Expect", "100-continue"], ["X-Kept", "yes"]],
      bytes,
    });
    const command = toCurl(c, `${origin}/b/bin`);
    expect(command).not.toMatch(/hooks\.example\.com|999|chunked'|X-Hop|100-continue/i);
    const got = await replay(c);
    expect(got.headers.filter(([n]) => !["host", "content-length", "user-agent", "accept", "content-type"].includes(n.toLowerCase()))).toEqual([["X-Kept", "yes"]]);
    expectSent(got, { ...c, headers: c.headers.filter(([n]) => n !== "X-Hop") }, bytes);
  });

  it("reproduces methods without a body, odd paths and non-ASCII header bytes", async () => {
    for (const method of ["GET", "HEAD", "DELETE", "PROPFIND", "POST"]) {
      const c = capture({ method, path: "/a/../b/./c", headers: [host(), ["X-Latin", "caf\u00c3\u00a9 'q' $HOME `x`"]] });
      const got = await replay(c);
      expect(got.method).toBe(method);
      expect(got.url).toBe("/b/bin/a/../b/./c");
      expectSent(got, c);
    }
  });

  it("reproduces a multipart upload with a binary part (the body starts with --, which printf must not take as an option)", async () => {
    const boundary = "----hookjarBoundary7MA4YWxk";
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x25, 0x5c, 0x21, 0x27]);
    const bytes = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nhello!\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const c = capture({ headers: [host(), ["Content-Type", `multipart/form-data; boundary=${boundary}`], ["Content-Length", String(bytes.length)]], bytes });
    expect(toCurl(c, `${origin}/b/bin`)).toMatch(/^printf '\\055-/);
    for (const got of await replayAll(c)) {
      expectSent(got, c, bytes);
    }
  });

  it("reproduces a text body with CR and NUL bytes, and a body starting with -", async () => {
    for (const bytes of [Buffer.from("line one\r\nnul:\0:end\r\n"), Buffer.from("-d @/etc/passwd --data x"), Buffer.from("--\0")]) {
      const c = capture({ headers: [host(), ["Content-Type", "text/plain"], ["Content-Length", String(bytes.length)]], bytes });
      for (const got of await replayAll(c)) {
        expectSent(got, c, bytes);
      }
    }
  });

  it("fetches a 300 KiB binary body of a private bin with its view token", async () => {
    const bytes = randomBytes(300 * 1024);
    const c = capture({ id: "01JPRIVATE00000000000000000", headers: [host(), ["Content-Type", "application/octet-stream"], ["Content-Length", String(bytes.length)]], bytes });
    privateBodies.set(c.id, bytes);
    // Without the token the body download fails loudly, and nothing is sent.
    const before = received.length;
    await expect(runIn("bash", toCurl(c, `${origin}/b/bin`))).rejects.toThrow(/401/);
    expect(received.length).toBe(before);
    expect(leftBehind()).toEqual([]);
    for (const got of await replayAll(c, TOKEN)) {
      expectSent(got, c, bytes);
    }
  });

  it("sends HTTP/1.0 when the capture came over HTTP/1.0", async () => {
    const got = await replay(capture({ method: "GET", httpVersion: "1.0", headers: [host()] }));
    expect(got.httpVersion).toBe("1.0");
  });
});

describe("shell quoting", () => {
  it("single-quotes printable ASCII and prints the rest with printf (POSIX sh has no $'…')", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("a\tb\u00e9")).toBe(`"$(printf 'a\\011b\\351')"`);
    expect(shellQuote("€")).toBe(`"$(printf '\\342\\202\\254')"`);
    expect(printfFormat(new Uint8Array([0x41, 0, 0x25, 0x27]))).toBe(`'A\\000%%\\047'`);
    expect(printfFormat(new Uint8Array([0x2d, 0x2d, 0x21]))).toBe(`'\\055-\\041'`);
  });
});

describe("captureRequestUrl", () => {
  it("appends the raw sub-path and query", () => {
    expect(captureRequestUrl("http://h/b/x", { path: "/", query: "" })).toBe("http://h/b/x");
    expect(captureRequestUrl("http://h/b/x", { path: "/p/q", query: "a=%20" })).toBe("http://h/b/x/p/q?a=%20");
  });
});

describe("toFetch", () => {
  it("keeps header order and duplicates, leaves transport headers to fetch, and encodes binary bodies", () => {
    const c = capture({ headers: [["Host", "h"], ["X-A", "1"], ["x-a", "2"], ["Content-Length", "3"]], bytes: Buffer.from([0, 0xff, 2]) });
    const snippet = toFetch(c, "http://h/b/bin");
    expect(snippet).toContain(`await fetch("http://h/b/bin", {`);
    expect(snippet).toContain(`["X-A","1"],\n    ["x-a","2"]`);
    expect(snippet).not.toMatch(/Host|Content-Length/);
    expect(toFetch(capture({ headers: [["Connection", "X-Hop"], ["X-Hop", "1"], ["Transfer-Encoding", "chunked"]] }), "http://h")).not.toMatch(/X-Hop|Transfer-Encoding/);
    const body = /atob\("([^"]+)"\)/.exec(snippet)![1];
    expect(Buffer.from(body, "base64")).toEqual(Buffer.from([0, 0xff, 2]));
  });

  it("writes text bodies as JSON strings and leaves GET bodies out", () => {
    expect(toFetch(capture({ bytes: Buffer.from('{"a":"</script>"}') }), "http://h")).toContain(`body: "{\\"a\\":\\"</script>\\"}"`);
    expect(toFetch(capture({ method: "GET", bytes: Buffer.from("x") }), "http://h")).not.toContain("body");
  });
});
