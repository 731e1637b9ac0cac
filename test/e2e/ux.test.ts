import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { ARTIFACTS, asOwner, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin, manage } from "../helpers/server.ts";
import { startEcho, type Echo } from "../helpers/target.ts";

/** What a new user hit (issue 8): phones, dialogs, a deleted bin, counts, big and broken bodies. */
const CAP = 30;
const e2e = serverAndBrowser({ MAX_CAPTURES_PER_BIN: String(CAP) });
let echo: Echo;
beforeAll(async () => {
  echo = await startEcho((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("got it");
  });
});
afterAll(() => echo?.close());
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

const send = async (captureUrl: string, body = "x", method = "POST", headers: [string, string][] = []) =>
  JSON.parse((await rawRequest(captureUrl, { method, body, headers })).body.toString()).id as string;

const selectedId = (page: Page) => page.getAttribute("[data-testid=capture-row][aria-selected=true]", "data-id");

/** The page is no wider than the screen: nothing to scroll sideways. */
async function expectNoOverflow(page: Page, where: string) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${where}: page is ${scroll}px wide on a ${client}px screen`).toBeLessThanOrEqual(client);
}

/** The element is on screen, whole. */
async function expectOnScreen(page: Page, selector: string) {
  const box = (await page.locator(selector).boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box, selector).not.toBeNull();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

async function phone(browser: Browser, origin: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

describe("on a phone (390×844)", () => {
  it("is one column: list, tap → detail, back; nothing overflows; the editor's Send is on screen and works", async () => {
    const bin = await createBin(e2e.server, { name: "A rather long bin name for a small phone screen" });
    await send(bin.captureUrl, "first");
    const json = await send(`${bin.captureUrl}/github/push?delivery=1`, JSON.stringify({ ref: "refs/heads/main", commits: [{ id: "abc" }] }), "POST", [
      ["Content-Type", "application/json"],
    ]);
    const { page, errors, context } = await phone(e2e.browser, e2e.server.url);
    await page.goto(e2e.server.url);
    await expectNoOverflow(page, "home");

    await openInspector(page, asOwner(bin));
    await expectNoOverflow(page, "inspector list");
    expect(await page.isVisible("[data-testid=list-pane]")).toBe(true);
    expect(await page.isVisible("[data-testid=detail-pane]")).toBe(false);

    await page.tap(`[data-testid=capture-row][data-id="${json}"]`);
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${json}"]`, { state: "visible" });
    expect(await page.isVisible("[data-testid=list-pane]")).toBe(false);
    await expectNoOverflow(page, "inspector detail");

    await page.tap("[data-testid=back-to-list]");
    await page.waitForSelector("[data-testid=list-pane]", { state: "visible" });
    expect(await page.isVisible("[data-testid=detail-pane]")).toBe(false);

    await page.tap(`[data-testid=capture-row][data-id="${json}"]`);
    await page.tap("[data-testid=edit-resend]");
    const dialog = page.getByRole("dialog", { name: "Edit and resend" });
    await dialog.waitFor();
    await expectOnScreen(page, "dialog >> role=button[name='Send']");
    await expectOnScreen(page, "dialog >> role=button[name='Close editor']");
    await expectNoOverflow(page, "editor");
    await dialog.getByLabel("Target URL").fill(`${echo.url}/from-phone`);
    await dialog.getByRole("button", { name: "Send", exact: true }).tap();
    await page.waitForSelector("[data-testid=resend-status]", { timeout: 15_000 });
    expect(await page.textContent("[data-testid=resend-status]")).toBe("200");
    expect(echo.received.at(-1)!.url).toBe("/from-phone");
    await dialog.getByRole("button", { name: "Close editor" }).tap();
    await dialog.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("dialogs", () => {
  it("take focus and keep it, close on Escape and outside clicks, and switch the page's shortcuts off", async () => {
    const bin = await createBin(e2e.server);
    const older = await send(bin.captureUrl, "older");
    const newer = await send(bin.captureUrl, "newer");
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click(`[data-testid=capture-row][data-id="${newer}"]`);
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${newer}"]`);

    await page.click("[data-testid=edit-resend]");
    const dialog = page.getByRole("dialog", { name: "Edit and resend" });
    await dialog.waitFor();
    expect(await dialog.getAttribute("aria-modal")).toBe("true");
    const focusInDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]")));
    expect(await focusInDialog()).toBe(true);
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 5 === 4 ? "Shift+Tab" : "Tab");
      expect(await focusInDialog(), `Tab ${i}`).toBe(true);
    }
    // j, k and c belong to the page behind: nothing changes there while the editor is open.
    await dialog.getByRole("button", { name: "Close editor" }).focus();
    for (const key of ["j", "j", "k", "c"]) await page.keyboard.press(key);
    expect(await selectedId(page)).toBe(newer);
    expect(await page.$("[data-testid=notice]")).toBeNull();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("edit-resend");
    // Shortcuts work again.
    await page.keyboard.press("j");
    await expect.poll(() => selectedId(page)).toBe(older);

    await page.click("[data-testid=edit-resend]");
    await dialog.waitFor();
    await page.mouse.click(40, 400);
    await dialog.waitFor({ state: "detached" });

    // The auto-forward settings are a dialog too.
    await page.click("[data-testid=forward-toggle]");
    const forward = page.getByRole("dialog", { name: "Auto-forward" });
    await forward.waitFor();
    expect(await forward.getAttribute("aria-modal")).toBe("true");
    expect(await focusInDialog()).toBe(true);
    await page.keyboard.press("Escape");
    await forward.waitFor({ state: "detached" });
    await page.click("[data-testid=forward-toggle]");
    await forward.waitFor();
    await page.mouse.click(20, 780);
    await forward.waitFor({ state: "detached" });
    await context.close();
  });
});

describe("a deleted bin", () => {
  it("shows it live in its open tabs, turns actions off, leaves the recent list, and gets a Hookjar 404 page", async () => {
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    await page.goto(e2e.server.url);
    await page.getByLabel("Bin name (optional)").fill("Doomed bin");
    await page.getByRole("button", { name: "Create bin" }).click();
    await page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
    const binId = new URL(page.url()).pathname.split("/")[2];
    const id = await send(`${e2e.server.url}/b/${binId}`, "last words");
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${id}"]`);
    const other = await context.newPage();
    await openInspector(other, `${e2e.server.url}/bins/${binId}`);
    expect(await other.title()).toBe("Doomed bin · Hookjar");

    // The creating browser kept the bin's manage key.
    const manageKey = await page.evaluate((id) => JSON.parse(localStorage.getItem("hookjar:manage-keys")!)[id] as string, binId);
    expect((await fetch(`${e2e.server.url}/api/bins/${binId}`, { method: "DELETE", headers: manage({ manageKey }) })).status).toBe(204);
    for (const tab of [page, other]) {
      await tab.waitForSelector("[data-testid=bin-deleted]", { timeout: 3000 });
      expect(await tab.textContent("[data-testid=bin-deleted]")).toContain("This bin was deleted");
      expect(await tab.getAttribute("[data-testid=connection]", "data-state")).toBe("gone");
      for (const action of ["pause-toggle", "forward-toggle", "clear-bin", "edit-resend", "delete-capture"]) {
        expect(await tab.isDisabled(`[data-testid=${action}]`), action).toBe(true);
      }
      await expect.poll(() => tab.title()).toBe("Deleted: Doomed bin · Hookjar");
    }

    // Another bin this browser made, deleted while no tab had it open: the home page asks the server.
    const gone = await createBin(e2e.server, { name: "Deleted elsewhere" });
    const kept = await createBin(e2e.server, { name: "Still here" });
    await page.evaluate((bins) => {
      const list = JSON.parse(localStorage.getItem("hookjar:recent-bins") ?? "[]");
      for (const b of bins) list.unshift({ id: b.id, name: b.name, href: `/bins/${b.id}`, createdAt: new Date().toISOString() });
      localStorage.setItem("hookjar:recent-bins", JSON.stringify(list));
    }, [{ id: kept.id, name: "Still here" }, { id: gone.id, name: "Deleted elsewhere" }]);
    await fetch(`${e2e.server.url}/api/bins/${gone.id}`, { method: "DELETE", headers: manage(gone) });
    await page.goto(e2e.server.url);
    await page.waitForSelector("[data-testid=recent-bins]:has-text('Still here')");
    const recent = await page.textContent("[data-testid=recent-bins]");
    expect(recent).not.toContain("Doomed bin");
    expect(recent).not.toContain("Deleted elsewhere");

    const res = await page.goto(`${e2e.server.url}/bins/${binId}`);
    expect(res!.status()).toBe(404);
    await page.waitForSelector("[data-testid=not-found]");
    expect(await page.title()).toContain("Hookjar");
    await page.getByRole("link", { name: /Go home/ }).click();
    await page.waitForSelector("text=Create bin");
    await context.close();
  });
});

describe("counts", () => {
  it("show the bin's total, say the cap prunes, and give N of M while filtered with a way to clear", async () => {
    const bin = await createBin(e2e.server, { name: "Counted" });
    // 5 that the cap prunes, then 10 PUT and 20 POST: the bin keeps the newest 30.
    for (let i = 0; i < 5; i++) await send(bin.captureUrl, `gone ${i}`);
    for (let i = 0; i < 10; i++) await send(bin.captureUrl, `put ${i}`, "PUT");
    for (let i = 0; i < 20; i++) await send(bin.captureUrl, `post ${i}`);
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    const count = () => page.textContent("[data-testid=capture-count]");
    expect(await count()).toBe("30 captures");
    expect(await page.textContent("[data-testid=cap-note]")).toMatch(/limit of 30: each new capture deletes the oldest/);

    await page.getByLabel("Filter by method").selectOption("PUT");
    await expect.poll(count).toBe("10 of 30 captures");
    expect(await page.$$eval("[data-testid=capture-row]", (rows) => rows.length)).toBe(10);
    // A new POST prunes the oldest capture, a PUT: one match fewer, the total stays.
    await send(bin.captureUrl, "post late");
    await expect.poll(count).toBe("9 of 30 captures");

    await page.click("[data-testid=clear-filters]");
    await expect.poll(count).toBe("30 captures");
    expect(await page.getByLabel("Filter by method").inputValue()).toBe("");
    await page.getByLabel("Search path, query and body").fill("post 1");
    // "post 1" and "post 10" … "post 19".
    await expect.poll(count).toBe("11 of 30 captures");
    await context.close();
  });
});

describe("the tab and the body", () => {
  it("names the bin and the unread count in the tab's title", async () => {
    const bin = await createBin(e2e.server, { name: "Titled" });
    const older = await send(bin.captureUrl, "a");
    await send(bin.captureUrl, "b");
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    expect(await page.title()).toBe("Titled · Hookjar");
    await page.click(`[data-testid=capture-row][data-id="${older}"]`);
    await send(bin.captureUrl, "c");
    await send(bin.captureUrl, "d");
    await expect.poll(() => page.title()).toBe("(2) Titled · Hookjar");
    await page.click("[data-testid=unread]");
    await expect.poll(() => page.title()).toBe("Titled · Hookjar");
    await context.close();
  });

  it("pages a 10,000-item JSON array, and says where malformed JSON breaks", async () => {
    const bin = await createBin(e2e.server);
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ["a", "b"] }));
    const big = await send(bin.captureUrl, JSON.stringify(items), "POST", [["Content-Type", "application/json"]]);
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${big}"] [data-testid=json-view]`);
    await page.click("[data-testid=json-view] button[aria-expanded=false]");
    await page.waitForSelector("[data-testid=json-more]");
    // Paged, not timed: the array renders its first 100 items and no more (10,000 at once is what
    // freezes the page), each page adds 500, and the last item shown is the one the count says.
    // The array's own element holds its opening line, one element per item shown, "Show more", and its close.
    const shown = () => page.$eval("[data-testid=json-view] > div", (el) => el.children.length - 3);
    const lastShown = () => page.$eval("[data-testid=json-view] > div", (el) => el.children[el.children.length - 3].textContent);
    expect(await shown()).toBe(100);
    expect(await lastShown()).toContain('"name": "item 99"');
    const nodes = () => page.$eval("[data-testid=json-view]", (el) => el.querySelectorAll("*").length);
    expect(await nodes()).toBeLessThan(5000);
    expect(await page.textContent("[data-testid=json-more]")).toMatch(/Show 500 more \(9,900 of 10,000 items hidden\)/);
    await page.click("[data-testid=json-more]");
    await expect.poll(() => page.textContent("[data-testid=json-more]")).toMatch(/9,400 of 10,000/);
    expect(await shown()).toBe(600);
    expect(await lastShown()).toContain('"name": "item 599"');
    await page.locator("[data-testid=json-more]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}json-paged-1280.png` });

    const broken = await send(bin.captureUrl, '{\n  "ok": true,\n  "oops": ,\n}', "POST", [["Content-Type", "application/json"]]);
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${broken}"] [data-testid=json-invalid]`);
    expect(await page.textContent("[data-testid=json-invalid]")).toContain("Invalid JSON at line 3, column 11");
    expect(await page.getAttribute("[data-testid=body-view]", "data-tab")).toBe("pretty");
    await page.locator("[data-testid=json-invalid]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}json-invalid-1280.png` });
    await context.close();
  });

  it("downloads bodies with an extension from their content type", async () => {
    const bin = await createBin(e2e.server);
    const json = await send(bin.captureUrl, "{}", "POST", [["Content-Type", "application/json"]]);
    const png = await send(bin.captureUrl, "\x89PNG", "POST", [["Content-Type", "image/png"]]);
    const other = await send(bin.captureUrl, "?", "POST", [["Content-Type", "application/x-unknown"]]);
    const disposition = async (id: string) =>
      (await fetch(`${e2e.server.url}/api/bins/${bin.id}/requests/${id}/body?download`)).headers.get("content-disposition");
    expect(await disposition(json)).toBe(`attachment; filename="${json}.json"`);
    expect(await disposition(png)).toBe(`attachment; filename="${png}.png"`);
    expect(await disposition(other)).toBe(`attachment; filename="${other}.bin"`);
  });
});

describe("doors", () => {
  it("asks for a private bin's token, and says when it is wrong", async () => {
    const bin = await createBin(e2e.server, { private: true, name: "Secret" });
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    await page.goto(bin.inspectUrl);
    expect(await page.textContent("h1")).toContain("This bin is private");
    await page.getByLabel("View token or share link").fill("not-the-token");
    await page.getByRole("button", { name: "Open" }).click();
    await page.waitForSelector("[data-testid=token-problem]");
    expect(await page.textContent("[data-testid=token-problem]")).toContain("does not open this bin");
    // The whole share link works as well as the token alone.
    await page.getByLabel("View token or share link").fill(`${bin.inspectUrl}?token=${bin.viewToken}`);
    await page.getByRole("button", { name: "Open" }).click();
    await page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
    expect(await page.title()).toBe("Secret · Hookjar");
    await context.close();
  });

  it("answers an unknown bin or page with a Hookjar page that leads home", async () => {
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    for (const path of ["/bins/0000000000000000000000", "/no/such/page"]) {
      const res = await page.goto(`${e2e.server.url}${path}`);
      expect(res!.status()).toBe(404);
      await page.waitForSelector("[data-testid=not-found]");
      expect(await page.getAttribute("[data-testid=not-found] a[href='/']", "href")).toBe("/");
    }
    await context.close();
  });

  it("keeps the armed clear button readable while hovered", async () => {
    const bin = await createBin(e2e.server);
    await send(bin.captureUrl, "x");
    const { page, context } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click("[data-testid=clear-bin]");
    await page.hover("[data-testid=clear-bin][data-armed]");
    // The hover colours arrive by CSS transition: read them once the button's transitions have ended.
    await page.waitForFunction(() => document.querySelector("[data-testid=clear-bin]")!.getAnimations().length === 0);
    const look = await page.$eval("[data-testid=clear-bin]", (el) => {
      const style = getComputedStyle(el);
      return { color: style.color, background: style.backgroundColor };
    });
    await page.screenshot({ path: `${ARTIFACTS}clear-armed-hover-1280.png`, clip: { x: 640, y: 0, width: 640, height: 60 } });
    expect(look.color).toBe("rgb(255, 255, 255)");
    // Tailwind's rose-700 (oklch): dark enough for white text.
    expect(look.background).not.toMatch(/rgba?\(2[0-9]{2}, 2[0-9]{2}, 2[0-9]{2}/);
    await context.close();
  });
});
