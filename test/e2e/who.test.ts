import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, LAPTOP, PHONE, axeProblems, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";

// Who may change a bin, as three browsers see it: the one that made it, another one, and one
// handed the key by a #key= link; then a bin from before keys, and the operator's page.

const ADMIN = "e2e-operator-token-0123456789";
const binsFile = path.join(mkdtempSync(path.join(tmpdir(), "hookjar-who-")), "bins.json");
// A bin without a key in the file is open to changes, as bins made before manage keys are.
writeFileSync(binsFile, JSON.stringify({ bins: [{ id: "legacy-open-bin", name: "From before keys" }] }));
const e2e = serverAndBrowser({ ADMIN_TOKEN: ADMIN, HOOKJAR_BINS_FILE: binsFile });

beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

const capture = async (captureUrl: string, body: string) =>
  JSON.parse((await rawRequest(captureUrl, { method: "POST", headers: [["Content-Type", "application/json"]], body })).body.toString()).id as string;

async function shots(page: Page, name: string) {
  for (const viewport of [LAPTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${viewport.width}.png`) });
  }
  await page.setViewportSize(LAPTOP);
}

const keyOf = (page: Page, binId: string) =>
  page.evaluate((id) => JSON.parse(localStorage.getItem("hookjar:manage-keys") ?? "{}")[id] as string | undefined, binId);

describe("three browsers, one bin", () => {
  it("gives control to the browser that made the bin and to one opened with #key=, and shows it read-only to another", async () => {
    // The creating browser.
    const owner = await openPage(e2e.browser, e2e.server.url);
    await owner.page.goto(e2e.server.url);
    await owner.page.getByLabel("Bin name (optional)").fill("Team webhooks");
    await owner.page.getByRole("button", { name: "Create bin" }).click();
    await owner.page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
    const inspectUrl = owner.page.url();
    const binId = new URL(inspectUrl).pathname.split("/")[2];
    const key = await keyOf(owner.page, binId);
    expect(key).toMatch(/^[0-9A-Za-z]{32}$/);

    // Another browser, opened before anything arrived: read-only, and told why and how to get control.
    const viewer = await openPage(e2e.browser, e2e.server.url);
    await openInspector(viewer.page, inspectUrl);
    await viewer.page.waitForSelector("[data-testid=read-only-notice]");
    expect(await axeProblems(viewer.page)).toEqual([]);

    const id = await capture(`${e2e.server.url}/b/${binId}/hook`, '{"event":"ping"}');
    await owner.page.waitForSelector(`[data-testid=capture-detail][data-id="${id}"]`);
    expect(await owner.page.$("[data-testid=read-only-notice]")).toBeNull();
    expect(await owner.page.$("[data-testid=delete-capture]")).not.toBeNull();
    expect(await owner.page.$("[data-testid=clear-bin]")).not.toBeNull();
    await owner.page.click("[data-testid=settings-toggle]");
    await owner.page.waitForSelector("[data-testid=settings-key-state]");
    expect(await owner.page.textContent("[data-testid=settings-key-state]")).toContain("holds the bin's manage key");
    await owner.page.keyboard.press("Escape");
    await owner.page.goto(`${e2e.server.url}/bins`);
    await owner.page.waitForSelector(`[data-testid=known-bin][data-id="${binId}"] [data-testid=known-bin-key]`);
    await owner.page.screenshot({ path: path.join(ARTIFACTS, "who-your-bins-1280.png") });

    await viewer.page.waitForSelector(`[data-testid=capture-detail][data-id="${id}"]`);
    const notice = await viewer.page.textContent("[data-testid=read-only-notice]");
    expect(notice).toContain("Read-only");
    expect(notice).toContain("manage key");
    expect(notice).toContain("#key=");
    for (const control of ["delete-capture", "clear-bin", "rules-open", "forward-toggle"]) {
      expect(await viewer.page.$(`[data-testid=${control}]`), control).toBeNull();
    }
    await viewer.page.click("[data-testid=settings-toggle]");
    await viewer.page.waitForSelector("[data-testid=settings-key-state]");
    expect(await viewer.page.textContent("[data-testid=settings-key-state]")).toContain("read-only");
    expect(await viewer.page.isDisabled("[data-testid=delete-bin]")).toBe(true);
    expect(await viewer.page.$("[data-testid=rotate-manage-key]")).toBeNull();
    expect(await axeProblems(viewer.page)).toEqual([]);
    await viewer.page.keyboard.press("Escape");
    await shots(viewer.page, "who-read-only");

    // A browser handed the key by link: the fragment is kept, then gone from the address bar.
    const handed = await openPage(e2e.browser, e2e.server.url);
    await openInspector(handed.page, `${inspectUrl}#key=${key}`);
    await expect.poll(() => handed.page.url()).toBe(inspectUrl);
    expect(await keyOf(handed.page, binId)).toBe(key);
    expect(await handed.page.$("[data-testid=read-only-notice]")).toBeNull();
    await handed.page.click("[data-testid=settings-toggle]");
    await handed.page.waitForSelector("[data-testid=settings-dialog] [data-testid=settings-name]");
    await handed.page.fill("[data-testid=settings-name]", "Renamed by a teammate");
    await handed.page.click("[data-testid=settings-rename]");
    await expect.poll(async () => (await (await fetch(`${e2e.server.url}/api/bins/${binId}`)).json()).name).toBe("Renamed by a teammate");
    await openInspector(owner.page, inspectUrl);
    await shots(owner.page, "who-owner");

    // The owner rotates: the new key is shown once with its link; the teammate's old key stops working.
    await owner.page.click("[data-testid=settings-toggle]");
    await owner.page.click("[data-testid=rotate-manage-key]");
    await owner.page.waitForSelector("[data-testid=key-reveal]");
    const rotated = (await owner.page.textContent("[data-testid=new-manage-key]"))!;
    expect(rotated).not.toBe(key);
    expect(await keyOf(owner.page, binId)).toBe(rotated);
    await owner.page.screenshot({ path: path.join(ARTIFACTS, "who-rotated-1280.png") });
    expect(await axeProblems(owner.page)).toEqual([]);
    await owner.page.keyboard.press("Escape");
    await expect.poll(() => owner.page.$("[data-testid=settings-dialog]")).toBeNull();

    // With the new key by link, the teammate can delete the bin.
    await openInspector(handed.page, `${inspectUrl}/${id}#key=${rotated}`);
    await handed.page.click("[data-testid=settings-toggle]");
    await handed.page.click("[data-testid=delete-bin]");
    await handed.page.fill("[data-testid=delete-confirm-input]", "Renamed by a teammate");
    await handed.page.click("[data-testid=delete-confirm]");
    await expect.poll(async () => (await fetch(`${e2e.server.url}/api/bins/${binId}`)).status).toBe(404);
    for (const { page } of [owner, viewer]) await page.waitForSelector("[data-testid=bin-deleted]");

    expect([...owner.errors, ...viewer.errors, ...handed.errors]).toEqual([]);
    // The key was never sent to the server in a URL, nor logged.
    expect(e2e.server.logs()).not.toContain(key);
    expect(e2e.server.logs()).not.toContain(rotated);
    for (const { context } of [owner, viewer, handed]) await context.close();
  }, 120_000);
});

describe("a bin from before keys", () => {
  it("says plainly that anyone can change it, and protects it with a first key", async () => {
    const { page, context, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, `${e2e.server.url}/bins/legacy-open-bin`);
    expect(await page.textContent("[data-testid=legacy-notice]")).toContain("Anyone who knows this bin's address can change or delete it");
    expect(await page.$("[data-testid=clear-bin]")).not.toBeNull();
    await shots(page, "who-legacy");
    await page.click("[data-testid=protect-bin]");
    await page.waitForSelector("[data-testid=key-reveal]");
    const first = (await page.textContent("[data-testid=new-manage-key]"))!;
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "who-protected-1280.png") });
    const refused = await fetch(`${e2e.server.url}/api/bins/legacy-open-bin`, { method: "DELETE" });
    expect(refused.status).toBe(403);
    expect((await fetch(`${e2e.server.url}/api/bins/legacy-open-bin/response`, { method: "DELETE", headers: { authorization: `Bearer ${first}` } })).status).toBe(204);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

describe("the admin page", () => {
  it("takes the admin token, lists every bin with its count, resets a key and deletes a bin", async () => {
    const made = await (await fetch(`${e2e.server.url}/api/bins`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Listed for the operator" }) })).json();
    await capture(made.captureUrl, "{}");
    await capture(made.captureUrl, "{}");
    const { page, context, errors } = await openPage(e2e.browser, e2e.server.url);
    await page.goto(`${e2e.server.url}/admin`);
    await page.fill("[data-testid=admin-token]", "not the token");
    await page.click("[data-testid=admin-open]");
    await page.waitForSelector("[role=alert]:has-text('not this server')");
    await page.fill("[data-testid=admin-token]", ADMIN);
    await page.click("[data-testid=admin-open]");
    const row = `[data-testid=admin-bin][data-id="${made.id}"]`;
    await page.waitForSelector(row);
    expect(await page.textContent(`${row} [data-testid=admin-bin-count]`)).toBe("2");
    expect(await axeProblems(page)).toEqual([]);
    await shots(page, "who-admin");

    await page.click(`${row} [data-testid=admin-reset-key]`);
    await page.waitForSelector("[data-testid=key-reveal]");
    const reset = (await page.textContent("[data-testid=new-manage-key]"))!;
    expect((await fetch(`${e2e.server.url}/api/bins/${made.id}/response`, { method: "DELETE", headers: { authorization: `Bearer ${made.manageKey}` } })).status).toBe(403);
    expect((await fetch(`${e2e.server.url}/api/bins/${made.id}/response`, { method: "DELETE", headers: { authorization: `Bearer ${reset}` } })).status).toBe(204);

    await page.click(`${row} [data-testid=admin-delete]`);
    await page.waitForSelector("[data-testid=admin-delete-dialog]");
    // The dialog takes focus and closes on Escape.
    expect(await page.evaluate(() => document.activeElement?.closest("[data-testid=admin-delete-dialog]") !== null)).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.$("[data-testid=admin-delete-dialog]")).toBeNull();
    await page.click(`${row} [data-testid=admin-delete]`);
    await page.click("[data-testid=admin-delete-confirm]");
    await page.waitForSelector(row, { state: "detached" });
    expect((await fetch(`${e2e.server.url}/api/bins/${made.id}`)).status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
