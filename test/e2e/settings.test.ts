import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, asOwner, axeProblems, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin, manage } from "../helpers/server.ts";

const e2e = serverAndBrowser({ MAX_CAPTURES_PER_BIN: "500", RETENTION_DAYS: "7", RATE_LIMIT_PER_MIN: "120" });
const harValidator = createRequire(import.meta.url)("har-validator") as { har: (data: unknown) => Promise<unknown> };

beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

const capture = async (captureUrl: string, body: string, method = "POST") =>
  JSON.parse((await rawRequest(captureUrl, { method, headers: [["Content-Type", "application/json"]], body })).body.toString()).id as string;

async function openSettings(page: Page) {
  // On a phone the bar's actions are behind its menu.
  const menu = page.locator("[data-testid=bin-menu][aria-expanded=false]");
  if (await menu.isVisible()) await menu.click();
  await page.click("[data-testid=settings-toggle]");
  await page.waitForSelector("[data-testid=settings-dialog] [data-testid=settings-name]");
}

const focusInside = (page: Page, testId: string) =>
  page.evaluate((id) => document.activeElement?.closest(`[data-testid=${id}]`) !== null, testId);

describe("bin settings panel", () => {
  it("renames, sets the custom response a sender then gets, exports a valid HAR, and deletes after confirmation", async () => {
    const bin = await createBin(e2e.server, { name: "Orders" });
    const first = await capture(bin.captureUrl, JSON.stringify({ order: 1, item: "kettle" }));
    const second = await capture(bin.captureUrl, JSON.stringify({ order: 2, item: "teapot" }), "PUT");
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));

    await openSettings(page);
    expect(await focusInside(page, "settings-dialog")).toBe(true);
    expect(await page.textContent("[data-testid=settings-limits]")).toMatch(/2 of 500[\s\S]*7 days[\s\S]*120 captures a minute/);
    expect(await axeProblems(page)).toEqual([]);
    await shotBoth(page, "settings-open", "[data-testid=settings-dialog]");
    await page.keyboard.press("Escape");
    await page.waitForSelector("[data-testid=settings-dialog]", { state: "detached" });

    // Rename: the API has the new name, and so does the header.
    await openSettings(page);
    await page.fill("[data-testid=settings-name]", "Orders (staging)");
    await page.click("[data-testid=settings-rename]");
    await expect.poll(async () => (await (await fetch(`${e2e.server.url}/api/bins/${bin.id}`)).json()).name).toBe("Orders (staging)");
    await page.waitForSelector("[data-testid=bin-name]:has-text('Orders (staging)')");

    // Custom response, previewed as sent, then what a real sender gets.
    await page.fill("[data-testid=response-status]", "201");
    await page.fill("[data-testid=response-headers]", "X-Mode: mock\nContent-Type: text/plain");
    await page.fill("[data-testid=response-body]", "accepted, thanks");
    const preview = await page.textContent("[data-testid=response-preview]");
    expect(preview).toMatch(/^HTTP\/1\.1 201 Created\n[\s\S]*X-Mode: mock\nContent-Type: text\/plain\nContent-Security-Policy: sandbox; default-src 'none'\nX-Content-Type-Options: nosniff\nContent-Length: 16\n\naccepted, thanks$/);
    // A problem is one sentence next to its field, said once: not again by the API's refusal.
    const form = page.getByTestId("response-form");
    for (const [typed, sentence] of [["99", "The status must be a final answer, from 200 to 599."], ["abc", "The status must be a number."]]) {
      await page.fill("[data-testid=response-status]", typed);
      expect(await page.textContent("[data-testid=response-status-error]")).toBe(sentence);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "PUT" && r.url().endsWith(`/api/bins/${bin.id}/response`)),
        page.click("[data-testid=response-save]"),
      ]);
      await expect.poll(() => page.textContent("[data-testid=response-status-error]")).toBe(sentence);
      const text = (await form.textContent())!;
      expect(text.split(sentence)).toHaveLength(2);
      expect(text).not.toMatch(/Invalid input|expected number|Invalid request|status:/);
      expect(await page.locator("[data-testid=response-error]").count()).toBe(0);
    }
    expect(await page.getAttribute("[data-testid=response-status]", "aria-invalid")).toBe("true");
    await shotBoth(page, "settings-field-error", "[data-testid=response-status-error]");
    await page.fill("[data-testid=response-status]", "201");
    await page.click("[data-testid=response-save]");
    await page.waitForSelector("[data-testid=response-current]:has-text('Senders get 201')");
    await shotBoth(page, "settings-panel", "[data-testid=settings-dialog]");
    await page.keyboard.press("Escape");

    const sent = await fetch(bin.captureUrl, { method: "POST", body: JSON.stringify({ order: 3, item: "cup" }) });
    expect(sent.status).toBe(201);
    expect(sent.headers.get("x-mode")).toBe("mock");
    expect(sent.headers.get("content-type")).toBe("text/plain");
    expect(await sent.text()).toBe("accepted, thanks");
    // The list marks the answer that was not the default 200.
    await page.waitForSelector("[data-testid=capture-row] [data-testid=answer-chip]:has-text('201')");
    expect(await page.$$("[data-testid=answer-chip]")).toHaveLength(1);
    await page.waitForSelector("[data-fresh]", { state: "detached", timeout: 5000 });
    await shotBoth(page, "status-chip", "[data-testid=answer-chip]");

    // Export: the whole bin as HAR, valid, with the bodies; the filtered set only what the list shows.
    await openSettings(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-har]")]);
    const har = JSON.parse(readFileSync((await download.path())!, "utf8"));
    // har-validator rejects with the schema errors of an invalid log, and resolves with a valid one.
    await expect(harValidator.har(har)).resolves.toEqual(har);
    expect(har.log.entries.map((e: { request: { postData: { text: string } } }) => JSON.parse(e.request.postData.text).item)).toEqual(["cup", "teapot", "kettle"]);
    await page.keyboard.press("Escape");
    await page.getByLabel("Filter by method").selectOption("PUT");
    await page.waitForSelector("[data-testid=capture-count]:has-text('1 of 3')");
    await openSettings(page);
    const [filtered] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-json-filtered]")]);
    const captures = JSON.parse(readFileSync((await filtered.path())!, "utf8"));
    expect(captures.map((c: { id: string }) => c.id)).toEqual([second]);
    expect(first).not.toBe(second);

    await shotBoth(page, "settings-bottom", "[data-testid=settings-danger]");
    // Delete: only once the name is typed; then the API says 404 and the page says deleted.
    await page.click("[data-testid=delete-bin]");
    await page.waitForSelector("[data-testid=delete-dialog]");
    expect(await focusInside(page, "delete-dialog")).toBe(true);
    expect(await axeProblems(page)).toEqual([]);
    expect(await page.isDisabled("[data-testid=delete-confirm]")).toBe(true);
    await page.fill("[data-testid=delete-confirm-input]", "Orders");
    expect(await page.isDisabled("[data-testid=delete-confirm]")).toBe(true);
    await page.fill("[data-testid=delete-confirm-input]", "Orders (staging)");
    await shotBoth(page, "delete-confirmation", "[data-testid=delete-dialog]");
    await page.keyboard.press("Escape");
    await page.waitForSelector("[data-testid=delete-dialog]", { state: "detached" });
    expect((await fetch(`${e2e.server.url}/api/bins/${bin.id}`)).status).toBe(200);
    await page.click("[data-testid=delete-bin]");
    await page.fill("[data-testid=delete-confirm-input]", "Orders (staging)");
    await page.click("[data-testid=delete-confirm]");
    await page.waitForSelector("[data-testid=bin-deleted]");
    await page.waitForSelector("[data-testid=settings-dialog]", { state: "detached" });
    expect((await fetch(`${e2e.server.url}/api/bins/${bin.id}`)).status).toBe(404);
    expect(errors).toEqual([]);
  }, 120_000);

  it("downloads the settings file and imports it into another bin, refusing a bad one inline", async () => {
    const source = await createBin(e2e.server, { name: "Mock source" });
    const response = { status: 202, headers: [["X-From", "file"]], body: "queued", delayMs: 0 };
    await fetch(`${e2e.server.url}/api/bins/${source.id}/response`, { method: "PUT", headers: { "content-type": "application/json", ...manage(source) }, body: JSON.stringify(response) });
    const target = await createBin(e2e.server);
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(source));
    await openSettings(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=settings-download]")]);
    const document = readFileSync((await download.path())!, "utf8");
    expect(JSON.parse(document)).toMatchObject({ name: "Mock source", response, forward: null, rules: [] });

    await openInspector(page, asOwner(target));
    await openSettings(page);
    await page.setInputFiles("[data-testid=settings-import]", { name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"response":{"status":42}}') });
    await page.click("[data-testid=settings-import-apply]");
    expect(await page.textContent("[data-testid=settings-import-error]")).toContain("The status must be a final answer");
    // Nothing changes before the import is confirmed: it first says what it would replace.
    await page.setInputFiles("[data-testid=settings-import]", { name: "mock.json", mimeType: "application/json", buffer: Buffer.from(document) });
    await page.waitForSelector("[data-testid=settings-import-changes]");
    expect(await page.$$eval("[data-testid=settings-import-changes] li", (items) => items.map((li) => li.textContent))).toEqual([
      'Name: no name → "Mock source"',
      "Custom response: the default answer → 202",
    ]);
    await shotBoth(page, "settings-import-confirm", "[data-testid=settings-import-confirm]");
    await page.click("[data-testid=settings-import-cancel]");
    expect((await (await fetch(`${e2e.server.url}/api/bins/${target.id}`)).json()).name).toBeNull();
    await page.setInputFiles("[data-testid=settings-import]", { name: "mock.json", mimeType: "application/json", buffer: Buffer.from(document) });
    await page.click("[data-testid=settings-import-apply]");
    await page.waitForSelector("[data-testid=response-current]:has-text('Senders get 202')");
    expect(await page.textContent("[data-testid=settings-import-done]")).toBe("Imported. Changed: name, custom response.");
    expect(await page.inputValue("[data-testid=settings-name]")).toBe("Mock source");
    const detail = await (await fetch(`${e2e.server.url}/api/bins/${target.id}`)).json();
    expect(detail).toMatchObject({ name: "Mock source", response });
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows a private bin's share link, the phone layout, and sets auto-forward from the panel", async () => {
    const bin = await createBin(e2e.server, { name: "Secret hooks", private: true });
    await capture(bin.captureUrl, "{}");
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await openInspector(page, asOwner(bin, `?token=${bin.viewToken}`));
    await openSettings(page);
    expect(await page.textContent("[data-testid=settings-share-url]")).toBe(`${bin.inspectUrl}?token=${bin.viewToken}`);
    // The name field stops where the API does.
    expect(await page.getAttribute("[data-testid=settings-name]", "maxlength")).toBe("80");
    // Nothing in the panel is wider than the phone.
    const overflow = await page.$eval("[data-testid=settings-dialog]", (d) => d.scrollWidth - d.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, "settings-private-390.png") });
    await page.$eval("[data-testid=settings-response]", (el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(ARTIFACTS, "settings-response-390.png") });

    // Auto-forward is the inspector's own control, opened from the panel; the header follows it.
    await page.click("[data-testid=settings-dialog] [data-testid=forward-toggle]");
    await page.fill("#forward-url", "http://127.0.0.1:8123/hooks");
    await page.click("[data-testid=forward-save]");
    await page.waitForSelector("[data-testid=settings-forward]:has-text('sent on to http://127.0.0.1:8123/hooks')");
    await page.waitForSelector("[data-testid=settings-dialog]", { state: "visible" });
    expect((await (await fetch(`${e2e.server.url}/api/bins/${bin.id}`, { headers: { authorization: `Bearer ${bin.viewToken}` } })).json()).forward).toEqual({ url: "http://127.0.0.1:8123/hooks", enabled: true, mode: "async", timeoutMs: 10000 });
    await page.keyboard.press("Escape");
    await page.waitForSelector("header [data-testid=forward-toggle]:has-text('127.0.0.1:8123')");
    await context.close();
  }, 60_000);

  it("makes a public bin private from the panel: the owner gets the new link, another watcher is let go", async () => {
    const bin = await createBin(e2e.server, { name: "Going private" });
    await capture(bin.captureUrl, "{}");
    const watcher = await openPage(e2e.browser, e2e.server.url);
    await openInspector(watcher.page, asOwner(bin));
    await watcher.page.waitForSelector("[data-testid=connection][data-state=live]");

    const { page } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await openSettings(page);
    await page.click("[data-testid=settings-make-private]");
    // The page comes back with the new token (kept in a cookie), live and private, and the panel
    // still open on the new share link, with nothing left in the address bar.
    await page.waitForSelector("[data-testid=connection][data-state=live]");
    await page.waitForSelector("[data-testid=settings-dialog] [data-testid=settings-share-url]");
    expect(new URL(page.url()).search).toBe("");
    const shareUrl = (await page.textContent("[data-testid=settings-share-url]"))!;
    const token = new URL(shareUrl).searchParams.get("token")!;
    expect(token.length).toBeGreaterThan(20);
    expect(await axeProblems(page)).toEqual([]);
    await shotBoth(page, "settings-made-private", "[data-testid=settings-copy-share]");

    // The other watcher had no token: it is told, tries again, and is refused.
    await watcher.page.waitForSelector("[data-testid=connection][data-state=denied]");
    expect((await fetch(`${e2e.server.url}/api/bins/${bin.id}`)).status).toBe(401);
    expect((await fetch(`${e2e.server.url}/api/bins/${bin.id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    // And back: public again, readable without a token.
    await page.click("[data-testid=settings-make-public]");
    await page.waitForSelector("[data-testid=connection][data-state=live]");
    await expect.poll(async () => (await fetch(`${e2e.server.url}/api/bins/${bin.id}`)).status).toBe(200);
  }, 60_000);
});

/** The page at laptop width, then at phone width (the same page, resized), with `visible` in view. */
async function shotBoth(page: Page, name: string, visible: string) {
  for (const [width, height] of [[1280, 800], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForSelector(visible, { state: "visible" });
    await page.$eval(visible, (el) => el.scrollIntoView({ block: "nearest" }));
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
