import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, LAPTOP, PHONE, asOwner, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { getJson, rawRequest } from "../helpers/http.ts";
import { createBin, manage } from "../helpers/server.ts";
import { startEcho, until, type Echo } from "../helpers/target.ts";

/** Forwarding in the inspector: a retry waiting for its time, and the relay command for the bin. */
const e2e = serverAndBrowser();
let echo: Echo;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // A minute's Retry-After: the retry waits visibly until the user says otherwise.
  echo = await startEcho((_req, res) => res.writeHead(429, { "Retry-After": "60" }).end("slow down"));
});
afterAll(() => echo?.close());

/** The page is no wider than the screen. */
async function expectNoOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

describe("forwarding in the inspector", () => {
  for (const size of [LAPTOP, PHONE]) {
    it(`shows a waiting retry, retries now, gives up, and offers the relay command ready to copy (${size.width} px)`, async () => {
      const bin = await createBin(e2e.server, { name: "Forwarding" });
      await fetch(`${e2e.server.url}/api/bins/${bin.id}/forward`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...manage(bin) },
        body: JSON.stringify({ url: `${echo.url}/hooks`, enabled: true }),
      });
      const id = JSON.parse((await rawRequest(`${bin.captureUrl}/stripe`, { method: "POST", body: '{"id":"evt_1"}' })).body.toString()).id as string;
      await until(async () => (await getJson(`${e2e.server.url}/api/bins/${bin.id}/requests/${id}`)).body.forwardRetry, 10_000, "the scheduled retry");

      const { context, page, errors } = await openPage(e2e.browser, e2e.server.url, size);
      await openInspector(page, asOwner(bin));
      await page.click("[data-testid=capture-row]");
      const text = page.locator("[data-testid=forward-retry-text]");
      await text.waitFor();
      expect(await text.textContent()).toMatch(/^Forward retrying \(try 2 of 6, next in \d+ s\)$/);
      expect(await page.locator("[data-testid=attempt-try]").allTextContents()).toEqual(["try 1"]);
      await page.locator("[data-testid=forward-retry]").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `forward-retrying-${size.width}.png`) });
      await expectNoOverflow(page);

      const sent = echo.received.length;
      await page.click("[data-testid=forward-retry-now]");
      // The second try goes out now, not in a minute; its attempt arrives live and the next one waits.
      await page.waitForFunction(() => document.querySelector("[data-testid=forward-retry-text]")?.textContent?.includes("try 3 of 6"));
      expect(echo.received.length).toBe(sent + 1);
      expect(await page.locator("[data-testid=attempt-try]").allTextContents()).toEqual(["try 2", "try 1"]);

      await page.click("[data-testid=forward-give-up]");
      await page.locator("[data-testid=forward-retry]").waitFor({ state: "detached" });
      expect((await getJson(`${e2e.server.url}/api/bins/${bin.id}/requests/${id}`)).body.forwardRetry).toBeNull();

      // The forward panel: its mode, and the relay for a target only this machine reaches. On a phone
      // the bar's actions sit behind its menu.
      if (await page.getByTestId("bin-menu").isVisible()) await page.click("[data-testid=bin-menu]");
      await page.click("[data-testid=forward-toggle]");
      const command = `npx ${e2e.server.url}/cli/hookjar.tgz relay ${bin.captureUrl} --to http://localhost:3000/webhooks`;
      expect(await page.textContent("[data-testid=relay-command]")).toBe(command);
      await page.click("[data-testid=copy-relay-command]");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
      expect(await page.isChecked("[data-testid=forward-mode-async]")).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, `forward-panel-${size.width}.png`) });
      await expectNoOverflow(page);

      await page.check("[data-testid=forward-mode-pass-through]");
      await page.fill("[data-testid=forward-timeout]", "5");
      await page.click("[data-testid=forward-save]");
      await page.locator("[data-testid=forward-form]").waitFor({ state: "detached" });
      expect((await getJson(`${e2e.server.url}/api/bins/${bin.id}`)).body.forward).toEqual({ url: `${echo.url}/hooks`, enabled: true, mode: "pass-through", timeoutMs: 5000 });
      expect(errors).toEqual([]);
      await context.close();
    }, 90_000);
  }
});
