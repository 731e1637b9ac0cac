import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, asOwner, openInspector, openPage, rowIds, serverAndBrowser, tablePairs } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

const e2e = serverAndBrowser();

beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

type Sent = { method: string; path: string; headers: [string, string][]; body: Buffer };

/** Sends a request to the bin with exactly these headers (Host first, explicit length) and returns its capture id. */
async function send(captureUrl: string, req: Omit<Sent, "headers"> & { headers?: [string, string][] }): Promise<{ id: string; headers: [string, string][] }> {
  const url = new URL(captureUrl);
  const headers: [string, string][] = [
    ["Host", url.host],
    ...(req.headers ?? []),
    ["Content-Length", String(req.body.length)],
    ["Connection", "keep-alive"],
  ];
  // The path goes on the wire as written: new URL() would percent-encode it.
  const res = await rawRequest(url.href, { method: req.method, path: url.pathname + req.path, headers, body: req.body });
  expect(res.status).toBe(200);
  return { id: JSON.parse(res.body.toString()).id, headers };
}

async function getCapture(binId: string, id: string) {
  const res = await fetch(`${e2e.server.url}/api/bins/${binId}/requests/${id}`);
  expect(res.status).toBe(200);
  return res.json();
}

/** A screenshot once arrival highlights have faded, so it shows the resting look. */
async function shot(page: Page, name: string) {
  await page.waitForSelector("[data-fresh]", { state: "detached", timeout: 5000 });
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
}

// Written out by hand: the big id must reach the server as this literal, which JSON.stringify would round.
const JSON_BODY = `{"event":"push","id":12345678901234567890,"ref":"refs/heads/main",
"commits":[{"id":"9fceb02","message":"Fix \\"quotes\\" and <tags>","added":["src/a.ts"],"removed":[]}],
"repository":{"name":"hookjar","private":false,"stars":42.5,"owner":null}}`;
const BINARY_BODY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x27, 0x25, 0x5c, 0x00, 0x41, 0x42]);

describe("inspector", () => {
  let bin: Awaited<ReturnType<typeof createBin>>;
  let page: Page;
  const sent: Record<string, Sent & { id: string }> = {};

  beforeAll(async () => {
    bin = await createBin(e2e.server, { name: "GitHub staging" });
    ({ page } = await openPage(e2e.browser, e2e.server.url));
  });

  it("teaches the first step while the bin is empty", async () => {
    await openInspector(page, asOwner(bin));
    const empty = page.locator("[data-testid=empty-state]");
    await empty.waitFor();
    expect(await empty.textContent()).toContain(bin.captureUrl);
    expect(await page.textContent("[data-testid=capture-url]")).toBe(bin.captureUrl);
    await shot(page, "empty-state.png");
  });

  it("shows each new request within 2 s, newest on top, without a reload", async () => {
    await page.evaluate(() => ((window as any).__sameDocument = true));
    const requests: Sent[] = [
      { method: "POST", path: "/github/push?delivery=1&tag=a+b", headers: [["Content-Type", "application/json"], ["X-GitHub-Event", "push"], ["X-Dup", "one"], ["x-dup", "two"]], body: Buffer.from(JSON_BODY) },
      { method: "PUT", path: "/upload/blob.bin", headers: [["Content-Type", "application/octet-stream"]], body: BINARY_BODY },
      { method: "DELETE", path: "/items/7", headers: [["Authorization", "Bearer t0ken"]], body: Buffer.alloc(0) },
    ];
    const ids: string[] = [];
    for (const req of requests) {
      const { id, headers } = await send(bin.captureUrl, req);
      ids.unshift(id);
      sent[req.method] = { ...req, headers, id };
      await page.waitForSelector(`[data-testid=capture-row][data-id="${id}"]`, { timeout: 2000 });
    }
    expect(await rowIds(page)).toEqual(ids);
    const targets = await page.$$eval("[data-testid=capture-target]", (els) => els.map((e) => e.textContent));
    expect(targets).toEqual(expect.arrayContaining(["/github/push?delivery=1&tag=a+b", "/upload/blob.bin", "/items/7"]));
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  });

  it("shows exactly the headers and the JSON body that were sent", async () => {
    const json = sent.POST;
    await page.click(`[data-testid=capture-row][data-id="${json.id}"]`);
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${json.id}"]`);
    expect(await tablePairs(page, "headers-table")).toEqual(json.headers);
    expect(await tablePairs(page, "query-table")).toEqual([["delivery", "1"], ["tag", "a b"]]);
    // Pretty keeps the number as written (JSON.parse would round it).
    expect(await page.textContent("[data-testid=json-view]")).toContain("12345678901234567890");
    await page.locator("[data-testid=body-section]").scrollIntoViewIfNeeded();
    await shot(page, "json-capture.png");
    await page.click("[data-testid=body-tab-raw]");
    expect(await page.textContent("[data-testid=raw-view]")).toBe(JSON_BODY);
  });

  it("shows a binary body byte for byte in the hex view", async () => {
    const binary = sent.PUT;
    await page.click(`[data-testid=capture-row][data-id="${binary.id}"]`);
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${binary.id}"]`);
    expect(await tablePairs(page, "headers-table")).toEqual(binary.headers);
    expect(await page.getAttribute("[data-testid=body-view]", "data-tab")).toBe("hex");
    const hex = await page.$$eval("[data-testid=hex-view] > div", (rows) => rows.map((r) => r.children[1].textContent).join(""));
    expect(hex.replace(/\s+/g, "")).toBe(BINARY_BODY.toString("hex"));
    await page.locator("[data-testid=body-section]").scrollIntoViewIfNeeded();
    await shot(page, "binary-capture.png");
    const download = await page.getAttribute("[data-testid=download-body]", "href");
    const res = await fetch(new URL(download!, e2e.server.url));
    expect(res.headers.get("content-disposition")).toContain("attachment");
    expect(Buffer.from(await res.arrayBuffer()).equals(BINARY_BODY)).toBe(true);
  });

  it("copies a cURL command that sends the capture's message again", async () => {
    for (const method of ["POST", "PUT", "DELETE"]) {
      const original = sent[method];
      await page.click(`[data-testid=capture-row][data-id="${original.id}"]`);
      await page.waitForSelector(`[data-testid=capture-detail][data-id="${original.id}"]`);
      await page.click("[data-testid=copy-curl]");
      await page.waitForSelector("[data-testid=copy-curl]:has-text('Copied')");
      const command = await page.evaluate(() => navigator.clipboard.readText());
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile("bash", ["-c", `${command} --silent --show-error`], { cwd: tmpdir() }, (error, out, err) => (error ? reject(new Error(err)) : resolve(out))),
      );
      const copy = await getCapture(bin.id, JSON.parse(stdout).id);
      const first = await getCapture(bin.id, original.id);
      expect(copy.method).toBe(first.method);
      expect(copy.path).toBe(first.path);
      expect(copy.query).toBe(first.query);
      // The same message: curl writes its own transport headers (Host, Content-Length, no Connection
      // for HTTP/1.1), which here, sent to the same server with the same body, match the original's.
      expect(copy.headers).toEqual(first.headers.filter(([name]: [string, string]) => name.toLowerCase() !== "connection"));
      expect(copy.body).toEqual(first.body);
      expect(Buffer.from(copy.body.data, copy.body.encoding === "utf8" ? "utf8" : "base64").equals(original.body)).toBe(true);
    }
  });

  it("copies the same cURL with the c key, and moves through captures with j and k", async () => {
    const ids = await rowIds(page);
    await page.click(`[data-testid=capture-row][data-id="${ids[0]}"]`);
    await page.keyboard.press("j");
    await page.waitForSelector(`[data-testid=capture-row][data-id="${ids[1]}"][aria-selected=true]`);
    await page.keyboard.press("ArrowDown");
    await page.waitForSelector(`[data-testid=capture-row][data-id="${ids[2]}"][aria-selected=true]`);
    await page.keyboard.press("k");
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${ids[1]}"]`);
    await page.evaluate(() => navigator.clipboard.writeText(""));
    await page.keyboard.press("c");
    await page.waitForSelector("[data-testid=notice]");
    const byKey = await page.evaluate(() => navigator.clipboard.readText());
    await page.click("[data-testid=copy-curl]");
    expect(byKey).not.toBe("");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(byKey);
  });

  it("follows the system colour scheme, and can be switched by hand", async () => {
    await page.click(`[data-testid=capture-row][data-id="${sent.POST.id}"]`);
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForFunction(() => document.documentElement.classList.contains("dark"));
    await page.waitForTimeout(300);
    await shot(page, "dark-mode.png");
    await page.emulateMedia({ colorScheme: "light" });
    await page.waitForFunction(() => !document.documentElement.classList.contains("dark"));
    await page.click("[data-testid=theme-toggle]");
    expect(await isDark()).toBe(true);
    await page.reload();
    await page.waitForSelector("[data-testid=capture-row]");
    expect(await isDark()).toBe(true);
    await page.click("[data-testid=theme-toggle]");
    await page.click("[data-testid=theme-toggle]");
    expect(await page.getAttribute("[data-testid=theme-toggle]", "data-theme")).toBe("system");
    expect(await isDark()).toBe(false);
  });
});

// A 1×1 GIF.
const GIF = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");

describe("body views", () => {
  it("shows form fields as a table and multipart parts with their headers and images", async () => {
    const bin = await createBin(e2e.server);
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));

    const form = await send(bin.captureUrl, {
      method: "POST",
      path: "/slack",
      headers: [["Content-Type", "application/x-www-form-urlencoded"]],
      body: Buffer.from("token=abc&text=hello+world%21&text=again&empty="),
    });
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${form.id}"]`, { timeout: 2000 });
    expect(await tablePairs(page, "form-view")).toEqual([["token", "abc"], ["text", "hello world!"], ["text", "again"], ["empty", ""]]);

    // Slack's interactive messages put their JSON in one form field: it reads as a tree, like a JSON body.
    const action = { type: "block_actions", user: { id: "U1", name: "ana" }, actions: [{ action_id: "approve", value: "<b>yes</b>" }] };
    const slack = await send(bin.captureUrl, {
      method: "POST",
      path: "/slack/actions",
      headers: [["Content-Type", "application/x-www-form-urlencoded"]],
      body: Buffer.from(`payload=${encodeURIComponent(JSON.stringify(action))}&token=abc`),
    });
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${slack.id}"]`, { timeout: 2000 });
    const tree = page.locator("[data-testid=form-view] tr").first().locator("[data-testid=json-view]");
    await expect.poll(() => tree.count()).toBe(1);
    const shown = (await tree.textContent())!;
    for (const part of ['"block_actions"', "user", '"ana"', "action_id", '"<b>yes</b>"']) expect(shown).toContain(part);
    expect(await page.locator("[data-testid=form-view] b").count()).toBe(0);
    expect(await page.locator("[data-testid=form-view] tr").nth(1).textContent()).toBe("tokenabc");
    await page.getByTestId("form-view").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "form-json-1280.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the list comes first: a tap opens the capture.
    await page.click(`[data-testid=capture-row][data-id="${slack.id}"]`);
    await page.getByTestId("form-view").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "form-json-390.png") });
    await page.setViewportSize({ width: 1280, height: 800 });

    const multipart = Buffer.concat([
      Buffer.from('--b0undary\r\nContent-Disposition: form-data; name="comment"\r\n\r\nLooks <b>good</b>\r\n'),
      Buffer.from('--b0undary\r\nContent-Disposition: form-data; name="avatar"; filename="me.gif"\r\nContent-Type: image/gif\r\n\r\n'),
      GIF,
      Buffer.from("\r\n--b0undary--\r\n"),
    ]);
    const upload = await send(bin.captureUrl, {
      method: "POST",
      path: "/upload",
      headers: [["Content-Type", "multipart/form-data; boundary=b0undary"]],
      body: multipart,
    });
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${upload.id}"]`, { timeout: 2000 });
    const parts = page.locator("[data-testid=multipart-view] > li");
    expect(await parts.count()).toBe(2);
    expect(await parts.nth(0).textContent()).toContain("Looks <b>good</b>");
    expect(await parts.nth(1).textContent()).toContain("me.gif");
    await page.waitForFunction(() => (document.querySelector("[data-testid=image-view]") as HTMLImageElement | null)?.naturalWidth === 1);
    await page.locator("[data-testid=body-section]").scrollIntoViewIfNeeded();
    await shot(page, "multipart-capture.png");
    await context.close();
  });
});

describe("hostile payloads", () => {
  it("shows HTML and script in path, query, headers and body as text, running nothing", async () => {
    const bin = await createBin(e2e.server);
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openInspector(page, asOwner(bin));
    const elementCount = () => page.evaluate(() => document.querySelectorAll("*").length);
    const hostileTags = () => page.evaluate(() => document.querySelectorAll("img, svg[onload], iframe, script:not([src])").length);
    const scriptsBefore = await hostileTags();

    const body = `<img src=x onerror=alert(1)><script>alert(2)</script><svg onload=alert(3)>`;
    const path = `/<script>alert(4)</script>/<img/src=x/onerror=alert(5)>?q=<img/src=x/onerror=alert(6)>&"'><svg/onload=alert(7)>`;
    const { id } = await send(bin.captureUrl, {
      method: "POST",
      path,
      headers: [["Content-Type", "text/html"], ["X-Evil", `<img src=x onerror=alert(8)>`], ["X-Script", "<script>alert(9)</script>"]],
      body: Buffer.from(body),
    });
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${id}"]`, { timeout: 2000 });
    const before = await elementCount();
    await page.waitForTimeout(300);

    expect(await page.textContent("[data-testid=capture-target]")).toBe(path);
    expect(await page.textContent("[data-testid=detail-target]")).toBe(path);
    expect(await tablePairs(page, "headers-table")).toEqual(expect.arrayContaining([["X-Evil", "<img src=x onerror=alert(8)>"], ["X-Script", "<script>alert(9)</script>"]]));
    expect(await page.textContent("[data-testid=raw-view]")).toBe(body);
    // Every tab of the body, the sandboxed HTML preview included.
    for (const tab of ["hex", "preview", "raw"]) {
      await page.click(`[data-testid=body-tab-${tab}]`);
      await page.waitForTimeout(300);
    }
    expect(await page.getAttribute("[data-testid=body-tab-raw]", "aria-selected")).toBe("true");
    expect(await hostileTags()).toBe(scriptsBefore);
    expect(await elementCount()).toBe(before);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
