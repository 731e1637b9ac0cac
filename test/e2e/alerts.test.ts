import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { asOwner, openInspector, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

const e2e = serverAndBrowser();

/**
 * Headless Chromium never hides a tab, so the page's visibility is switched by the test; the
 * browser's own Notification and AudioContext run, wrapped to record what the page asked of them.
 */
async function watchedContext(grant: boolean): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (grant) await context.grantPermissions(["notifications"], { origin: e2e.server.url });
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    let hidden = false;
    Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
    w.__setHidden = (h: boolean) => (hidden = h);
    const shown: { title: string; body?: string }[] = [];
    w.__shown = shown;
    const Real = window.Notification;
    w.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
      }
    };
    let asked = 0;
    w.__asked = () => asked;
    const request = Real.requestPermission.bind(Real);
    (w.Notification as typeof Notification).requestPermission = () => {
      asked++;
      return request();
    };
    let beeps = 0;
    w.__beeps = () => beeps;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<OscillatorNode["start"]>) {
      beeps++;
      return start.apply(this, args);
    };
  });
  return context;
}

const send = (captureUrl: string) => rawRequest(captureUrl, { method: "POST", body: "ping" });

describe("alerts for captures in a hidden tab", () => {
  it("notifies and beeps only while hidden and switched on, remembered across reloads", async () => {
    const bin = await createBin(e2e.server, { name: "Alerted" });
    const context = await watchedContext(true);
    const page = await context.newPage();
    await openInspector(page, asOwner(bin));
    const shown = () => page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown.length);
    const beeps = () => page.evaluate(() => (window as unknown as { __beeps: () => number }).__beeps());
    const hide = (h: boolean) => page.evaluate((v) => (window as unknown as { __setHidden: (h: boolean) => void }).__setHidden(v), h);

    // Off by default: nothing, even hidden.
    expect(await page.getAttribute("[data-testid=alerts-toggle]", "aria-pressed")).toBe("false");
    await hide(true);
    await send(bin.captureUrl);
    await page.waitForSelector("[data-testid=capture-count]:has-text('1 capture')");
    expect(await shown()).toBe(0);

    await hide(false);
    await page.click("[data-testid=alerts-toggle]");
    expect(await page.getAttribute("[data-testid=alerts-toggle]", "aria-pressed")).toBe("true");
    // Visible: the user sees the list, no alert.
    await send(bin.captureUrl);
    await page.waitForSelector("[data-testid=capture-count]:has-text('2 captures')");
    expect(await shown()).toBe(0);
    expect(await beeps()).toBe(0);

    await hide(true);
    await send(bin.captureUrl);
    await expect.poll(shown).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown[0])).toEqual({ title: "1 new capture", body: "Alerted" });
    expect(await beeps()).toBe(1);

    await page.reload();
    await page.waitForSelector("[data-testid=connection][data-state=live]");
    expect(await page.getAttribute("[data-testid=alerts-toggle]", "aria-pressed")).toBe("true");
    await page.click("[data-testid=alerts-toggle]");
    await hide(true);
    await send(bin.captureUrl);
    await page.waitForSelector("[data-testid=capture-count]:has-text('4 captures')");
    expect(await shown()).toBe(0);
    await context.close();
  }, 60_000);

  it("asks for notification permission on the toggle's click, never before", async () => {
    const bin = await createBin(e2e.server);
    const context = await watchedContext(false);
    const page = await context.newPage();
    await openInspector(page, asOwner(bin));
    const asked = () => page.evaluate(() => (window as unknown as { __asked: () => number }).__asked());
    expect(await asked()).toBe(0);
    await page.click("[data-testid=alerts-toggle]");
    await expect.poll(asked).toBe(1);
    await context.close();
  }, 60_000);

  it("is in the settings panel on a phone, where the top bar has no room for it", async () => {
    const bin = await createBin(e2e.server);
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await openInspector(page, asOwner(bin));
    expect(await page.isVisible("header [data-testid=alerts-toggle]")).toBe(false);
    await page.click("[data-testid=bin-menu]");
    expect(await page.isVisible("header [data-testid=alerts-toggle]")).toBe(false);
    await page.click("[data-testid=settings-toggle]");
    await page.click("[data-testid=settings-dialog] [data-testid=alerts-toggle]");
    expect(await page.getAttribute("[data-testid=settings-dialog] [data-testid=alerts-toggle]", "aria-pressed")).toBe("true");
    expect(await page.evaluate(() => localStorage.getItem("hookjar:alerts"))).toBe("on");
    await context.close();
  }, 60_000);
});
