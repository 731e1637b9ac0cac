import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, asOwner, axeProblems, openInspector, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin, manage } from "../helpers/server.ts";
import { closedPort, startEcho, type Echo } from "../helpers/target.ts";

/** Everything the engine does, in the browser: refused requests and forward health, live. */
const RATE = 5;
const LIMIT = 1024;
// No forward retries: a retry taken after the forward URL is switched would (rightly) succeed and
// clear the failed capture's mark, racing the assertion that the mark stays.
const e2e = serverAndBrowser({ RATE_LIMIT_PER_MIN: String(RATE), MAX_BODY_BYTES: String(LIMIT), FORWARD_RETRIES: "0" });
let echo: Echo;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  echo = await startEcho();
});
afterAll(() => echo?.close());

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

async function open(browser: Browser, size: { width: number; height: number }, colorScheme: "light" | "dark" = "light") {
  const context = await browser.newContext({ viewport: size, colorScheme, hasTouch: size.width < 500, isMobile: size.width < 500 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

const post = (url: string, body: string, headers: [string, string][] = []) => rawRequest(url, { method: "POST", headers: [["Content-Length", String(Buffer.byteLength(body))], ...headers], body });

/** Counts of the refused rows shown, by reason. */
const shownRows = (page: Page) =>
  page.$$eval("[data-testid=refused-row]", (rows) =>
    rows.map((r) => ({ reason: r.getAttribute("data-reason"), count: Number(r.querySelector("[data-testid=refused-count]")!.textContent!.replace(/[^\d]/g, "")) })),
  );

async function shot(page: Page, name: string, width: number) {
  await page.waitForSelector("[data-fresh]", { state: "detached", timeout: 5000 });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`) });
}

/** The page is no wider than the screen. */
async function expectNoOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

describe("refused requests in the inspector", () => {
  it("shows a 413 and a burst of 429s live, aggregated into one row each with a count, without a reload", async () => {
    const bin = await createBin(e2e.server, { name: "Refusals" });
    await post(`${bin.captureUrl}/stripe/events`, '{"id":"evt_1"}', [["Content-Type", "application/json"]]);
    const { context, page, errors } = await open(e2e.browser, SIZES[0]);
    await openInspector(page, asOwner(bin));
    expect(await page.isVisible("[data-testid=refused-strip]")).toBe(false);
    // Set on this document: still there afterwards means no reload happened.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    expect((await post(`${bin.captureUrl}/upload`, "x".repeat(LIMIT + 1))).status).toBe(413);
    const minuteBefore = Math.floor(Date.now() / 60_000);
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await post(`${bin.captureUrl}/github/push`, `{"n":${i}}`)).status);
    const minuteAfter = Math.floor(Date.now() / 60_000);
    // The bin's RATE tokens went to the first capture, the 413 and the first few of the burst.
    const limited = statuses.filter((s) => s === 429).length;
    expect(limited).toBe(40 - (RATE - 2));

    await page.waitForSelector("[data-testid=refused-row][data-reason=payload_too_large]");
    await page.waitForFunction(
      (n) => [...document.querySelectorAll("[data-testid=refused-row][data-reason=rate_limited] [data-testid=refused-count]")].reduce((sum, el) => sum + Number(el.textContent!.replace(/[^\d]/g, "")), 0) === n,
      limited,
    );
    const rows = await shownRows(page);
    expect(rows.filter((r) => r.reason === "payload_too_large")).toEqual([{ reason: "payload_too_large", count: 1 }]);
    // One row for the whole burst (two if it happened to cross into the next minute).
    expect(rows.filter((r) => r.reason === "rate_limited")).toHaveLength(minuteAfter === minuteBefore ? 1 : 2);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    const text = await page.textContent("[data-testid=refused-row][data-reason=rate_limited]");
    expect(text).toMatch(/429\s*rate limited/);
    expect(text).toContain("POST /github/push");
    const large = page.locator("[data-testid=refused-row][data-reason=payload_too_large]");
    expect(await large.textContent()).toContain("POST /upload");
    expect(await large.getAttribute("title")).toMatch(/refused with 413 \(too large\).*latest POST \/upload, 1(\.0)? KB/);
    // Not a capture: no capture row was added, and there is nothing to open.
    expect(await page.$$("[data-testid=capture-row]")).toHaveLength(1 + RATE - 2);
    expect(await page.$$("[data-testid=refused-strip] a, [data-testid=refused-row] button")).toHaveLength(0);
    await shot(page, "refused", 1280);
    expect(await axeProblems(page)).toEqual([]);

    // Collapsible: the strip folds to its one summary line.
    await page.click("[data-testid=refused-toggle]");
    expect(await page.$$("[data-testid=refused-row]")).toHaveLength(0);
    expect(await page.getAttribute("[data-testid=refused-toggle]", "aria-expanded")).toBe("false");
    expect(await page.textContent("[data-testid=refused-toggle]")).toContain(`Refused · ${limited + 1} requests`);
    expect(errors).toEqual([]);
    await context.close();

    // On a phone (in the dark scheme, so both are checked): the same rows, readable, nothing wider than the screen.
    const phone = await open(e2e.browser, SIZES[1], "dark");
    await openInspector(phone.page, asOwner(bin));
    await phone.page.waitForSelector("[data-testid=refused-row][data-reason=rate_limited]");
    await expectNoOverflow(phone.page);
    await shot(phone.page, "refused-dark", 390);
    expect(await axeProblems(phone.page)).toEqual([]);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  }, 120_000);

  it("empties the strip when the bin is cleared", async () => {
    const bin = await createBin(e2e.server);
    const { context, page } = await open(e2e.browser, SIZES[0]);
    await openInspector(page, asOwner(bin));
    await post(bin.captureUrl, "x".repeat(LIMIT + 1));
    await page.waitForSelector("[data-testid=refused-row]");
    await fetch(`${bin.captureUrl.replace("/b/", "/api/bins/")}/requests`, { method: "DELETE", headers: manage(bin) });
    await page.waitForSelector("[data-testid=refused-strip]", { state: "detached" });
    await context.close();
  });
});

describe("forward health in the inspector", () => {
  it("marks a failed forward on its row and on the Forwarding control, and clears the control once a forward succeeds", async () => {
    const bin = await createBin(e2e.server, { name: "Forwarding" });
    const down = `http://127.0.0.1:${await closedPort()}/hooks`;
    await fetch(`${e2e.server.url}/api/bins/${bin.id}/forward`, { method: "PUT", headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify({ url: down, enabled: true }) });
    const { context, page, errors } = await open(e2e.browser, SIZES[0]);
    await openInspector(page, asOwner(bin));
    expect(await page.getAttribute("[data-testid=forward-toggle]", "data-failing")).toBeNull();

    const failedId = JSON.parse((await post(`${bin.captureUrl}/orders`, '{"order":1}')).body.toString()).id;
    const mark = page.locator(`[data-testid=capture-row][data-id="${failedId}"] [data-testid=forward-failed]`);
    await mark.waitFor();
    expect(await mark.getAttribute("aria-label")).toMatch(/^Forward failed: No answer from 127\.0\.0\.1:\d+: connection refused/);
    await page.waitForSelector("[data-testid=forward-toggle][data-failing]");
    const toggle = page.locator("[data-testid=forward-toggle]");
    expect(await toggle.getAttribute("title")).toMatch(/The last forward, to 127\.0\.0\.1:\d+, failed: No answer from .*connection refused/);
    expect(await toggle.textContent()).toMatch(/failing: No answer from .*connection refused/);
    await shot(page, "forward-failing", 1280);

    await toggle.click();
    const dialog = page.getByRole("dialog", { name: "Auto-forward" });
    await dialog.waitFor();
    expect(await page.textContent("[data-testid=forward-failure]")).toContain(`${down}/orders`);
    await page.screenshot({ path: path.join(ARTIFACTS, "forward-failing-dialog-1280.png") });
    expect(await axeProblems(page)).toEqual([]);
    await page.fill("#forward-url", `${echo.url}/live`);
    await page.click("[data-testid=forward-save]");
    await dialog.waitFor({ state: "detached" });

    const okId = JSON.parse((await post(`${bin.captureUrl}/orders`, '{"order":2}')).body.toString()).id;
    await page.waitForFunction(() => !document.querySelector("[data-testid=forward-toggle]")!.hasAttribute("data-failing"));
    expect(echo.received.map((r) => r.url)).toContain("/live/orders");
    await page.waitForSelector(`[data-testid=capture-row][data-id="${okId}"]`);
    expect(await page.$$(`[data-testid=capture-row][data-id="${okId}"] [data-testid=forward-failed]`)).toHaveLength(0);
    // The failed capture keeps its own mark: its forward did fail.
    expect(await mark.count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("shows the failing state after a reload, and fits a phone", async () => {
    const bin = await createBin(e2e.server);
    const down = `http://127.0.0.1:${await closedPort()}/x`;
    await fetch(`${e2e.server.url}/api/bins/${bin.id}/forward`, { method: "PUT", headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify({ url: down, enabled: true }) });
    const id = JSON.parse((await post(`${bin.captureUrl}/a`, "{}")).body.toString()).id;
    // Recorded before the page opens: it comes from the list and BinDetail, not the live stream.
    for (let i = 0; i < 100 && (await (await fetch(`${e2e.server.url}/api/bins/${bin.id}`)).json()).lastForward === null; i++) await new Promise((r) => setTimeout(r, 50));
    const { context, page, errors } = await open(e2e.browser, SIZES[1]);
    await openInspector(page, asOwner(bin));
    await page.waitForSelector(`[data-testid=capture-row][data-id="${id}"] [data-testid=forward-failed]`);
    // On a phone the bar's actions are in its menu, whose button says forwarding fails.
    await page.click("[data-testid=bin-menu][data-failing]");
    await page.waitForSelector("[data-testid=forward-toggle][data-failing]");
    await expectNoOverflow(page);
    await shot(page, "forward-failing", 390);
    expect(await axeProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
