import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asOwner, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";
import { SHELLS } from "../helpers/shells.ts";
import { startEcho, type Echo } from "../helpers/target.ts";

/**
 * "Copy as cURL" as a user gets it: clicked in the inspector, read from the clipboard, pasted into
 * bash, sh and zsh and pointed at another server (another port) — and what arrives there is the
 * captured message: the same bytes, a Host and Content-Length of its own, no file left anywhere.
 */
const e2e = serverAndBrowser();
let elsewhere: Echo;
beforeAll(async () => void (elsewhere = await startEcho()));
// Where the commands run, and their TMPDIR: a file left behind in either would show.
const workDir = mkdtempSync(path.join(tmpdir(), "hookjar-curl-e2e-"));
const tempDir = mkdtempSync(path.join(tmpdir(), "hookjar-curl-e2e-tmp-"));
afterAll(async () => {
  await elsewhere?.close();
  for (const dir of [workDir, tempDir]) rmSync(dir, { recursive: true, force: true });
});

function run(shell: string, command: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(shell, ["-c", command], { cwd: workDir, env: { ...process.env, TMPDIR: tempDir }, timeout: 20_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${shell}: ${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

type Bin = Awaited<ReturnType<typeof createBin>>;

const auth = (bin: Bin): Record<string, string> => (bin.viewToken ? { authorization: `Bearer ${bin.viewToken}` } : {});

async function capturedBody(bin: Bin, id: string): Promise<Buffer> {
  const res = await fetch(`${e2e.server.url}/api/bins/${bin.id}/requests/${id}/body`, { headers: auth(bin) });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const named = (headers: [string, string][], name: string) => headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);

/**
 * Sends `body` to the bin, opens it in the inspector, copies it as cURL and runs that in each
 * shell with the capture URL's origin swapped for the other server's (a large body is still
 * fetched from Hookjar's API).
 */
async function copyAndReplay(page: Page, bin: Bin, headers: [string, string][], body: Buffer) {
  const sent = await rawRequest(`${bin.captureUrl}/upload?x=1`, { method: "POST", headers: [...headers, ["Content-Length", String(body.length)]], body });
  const id = JSON.parse(sent.body.toString()).id as string;
  const stored = await capturedBody(bin, id);
  expect(stored.equals(body)).toBe(true);
  await page.click(`[data-testid=capture-row][data-id="${id}"]`, { timeout: 5000 });
  await page.waitForSelector(`[data-testid=capture-detail][data-id="${id}"]`, { timeout: 5000 });
  await page.click("[data-testid=copy-curl]");
  await page.waitForSelector("[data-testid=copy-curl]:has-text('Copied')");
  const command = await page.evaluate(() => navigator.clipboard.readText());
  const captureOrigin = `${e2e.server.url}/b/`;
  expect(command).toContain(captureOrigin);
  const pointed = command.replace(captureOrigin, `${elsewhere.url}/b/`);
  for (const shell of SHELLS) {
    const before = elsewhere.received.length;
    // Pasted as is: the user's terminal adds nothing.
    await run(shell, pointed);
    expect(elsewhere.received.length, `${shell} sent one request`).toBe(before + 1);
    const got = elsewhere.received[before];
    expect(got.url).toBe(`/b/${bin.id}/upload?x=1`);
    expect(got.body.equals(stored), `${shell}: bytes differ`).toBe(true);
    expect(named(got.headers, "host"), `${shell}: Host`).toEqual([new URL(elsewhere.url).host]);
    expect(named(got.headers, "content-length"), `${shell}: Content-Length`).toEqual([String(body.length)]);
    expect(named(got.headers, "content-type")).toEqual(named(headers, "content-type"));
    expect([...readdirSync(workDir), ...readdirSync(tempDir)], `${shell}: files left behind`).toEqual([]);
  }
  return command;
}

describe("Copy as cURL, run in bash, sh and zsh", () => {
  let page: Page;
  let publicBin: Bin;
  let privateBin: Bin;

  beforeAll(async () => {
    publicBin = await createBin(e2e.server, { name: "curl public" });
    privateBin = await createBin(e2e.server, { name: "curl private", private: true });
    ({ page } = await openPage(e2e.browser, e2e.server.url));
  });

  it("reproduces a multipart upload with a binary part (the body starts with --)", async () => {
    await openInspector(page, asOwner(publicBin));
    const boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe, 0x25, 0x5c, 0x27, 0x21, 0x0d, 0x00]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nIt's 100% "fine"!\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="pic.png"\r\nContent-Type: image/png\r\n\r\n`),
      image,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    await copyAndReplay(page, publicBin, [["Content-Type", `multipart/form-data; boundary=${boundary}`]], body);
  });

  it("reproduces a body with CR and NUL bytes, and bodies starting with -", async () => {
    await copyAndReplay(page, publicBin, [["Content-Type", "text/plain"]], Buffer.from("first\r\nNUL:\0:here\r\n\0"));
    await copyAndReplay(page, publicBin, [["Content-Type", "text/plain"]], Buffer.from("--data @/etc/passwd -X DELETE"));
    await copyAndReplay(page, publicBin, [["Content-Type", "application/octet-stream"]], Buffer.from([0x2d, 0x00, 0xff, 0x2d]));
  });

  it("reproduces a 300 KiB binary body of a private bin (the body download carries the view token)", async () => {
    await openInspector(page, asOwner(privateBin, `?token=${privateBin.viewToken}`));
    const body = randomBytes(300 * 1024);
    const command = await copyAndReplay(page, privateBin, [["Content-Type", "application/octet-stream"]], body);
    expect(command).toContain(`Authorization: Bearer ${privateBin.viewToken}`);
    expect(command.length).toBeLessThan(4000);
  });
});
