import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, asOwner, axeProblems, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin, manage } from "../helpers/server.ts";

/**
 * Every screen at laptop and phone width, saved to test/artifacts/ to be looked at, and an
 * axe-core accessibility check of the home page and the inspector in light and dark.
 */
const CAP = 20;
const e2e = serverAndBrowser({ MAX_CAPTURES_PER_BIN: String(CAP) });
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

const JSON_BODY = JSON.stringify({
  action: "opened",
  number: 42,
  pull_request: { title: "Make the inspector work on phones", user: { login: "octocat" }, labels: ["ux", "mobile"], draft: false },
  repository: { full_name: "hookjar/hookjar", private: false },
});

async function fill(captureUrl: string) {
  for (let i = 0; i < CAP + 4; i++) {
    await rawRequest(`${captureUrl}/stripe/events?n=${i}`, { method: i % 4 ? "POST" : "PUT", headers: [["Content-Type", "application/x-www-form-urlencoded"]], body: `id=evt_${i}&type=charge.succeeded` });
  }
  const res = await rawRequest(`${captureUrl}/github/pull_request?delivery=7f3a`, {
    method: "POST",
    headers: [["Content-Type", "application/json"], ["X-GitHub-Event", "pull_request"], ["User-Agent", "GitHub-Hookshot/0c7c3b1"]],
    body: JSON_BODY,
  });
  return JSON.parse(res.body.toString()).id as string;
}

async function open(browser: Browser, size: { width: number; height: number }, scheme: "light" | "dark" = "light") {
  const context = await browser.newContext({ viewport: size, colorScheme: scheme, hasTouch: size.width < 500, isMobile: size.width < 500 });
  const page = await context.newPage();
  return { context, page };
}

/** After arrival highlights fade, so the screenshot shows the resting look. */
async function shot(page: Page, name: string, width: number) {
  await page.waitForSelector("[data-fresh]", { state: "detached", timeout: 5000 });
  await page.waitForTimeout(100);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`) });
}

async function live(page: Page, url: string) {
  await page.goto(url);
  await page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
}

describe("screens", () => {
  it("saves each screen at 1280 and 390 px", async () => {
    const bin = await createBin(e2e.server, { name: "Stripe staging" });
    const jsonId = await fill(bin.captureUrl);
    const secret = await createBin(e2e.server, { name: "Secret", private: true });

    for (const size of SIZES) {
      const w = size.width;
      const doomed = await createBin(e2e.server, { name: "About to go" });
      await rawRequest(doomed.captureUrl, { method: "POST", body: "last" });
      const { context, page } = await open(e2e.browser, size);
      await page.goto(e2e.server.url);
      await page.evaluate((b) => {
        localStorage.setItem("hookjar:recent-bins", JSON.stringify([{ id: b.id, name: "Stripe staging", href: `/bins/${b.id}`, createdAt: new Date().toISOString() }]));
      }, bin);
      await page.reload();
      await page.waitForSelector("[data-testid=recent-bins]");
      await shot(page, "home", w);

      // A new bin: the first steps, in the detail pane on a laptop and in the list's place on a phone.
      const empty = await createBin(e2e.server, { name: "Brand new" });
      await live(page, asOwner(empty));
      await page.waitForSelector(w < 500 ? "[data-testid=empty-state-phone]" : "[data-testid=empty-state]", { state: "visible" });
      expect(await page.textContent(w < 500 ? "[data-testid=empty-state-phone]" : "[data-testid=empty-state]")).toContain("curl");
      await shot(page, "empty-bin", w);

      await live(page, asOwner(bin));
      await shot(page, "inspector-list", w);
      await page.click(`[data-testid=capture-row][data-id="${jsonId}"]`);
      await page.waitForSelector(`[data-testid=capture-detail][data-id="${jsonId}"]`);
      await shot(page, "inspector-detail", w);
      await page.click("[data-testid=edit-resend]");
      await page.getByRole("dialog", { name: "Edit and resend" }).waitFor();
      await shot(page, "editor-open", w);
      await page.keyboard.press("Escape");
      if (w < 500) {
        // On a phone the bar's actions are behind its menu.
        await page.click("[data-testid=bin-menu]");
        await shot(page, "menu-open", w);
      }
      await page.click("[data-testid=forward-toggle]");
      await page.getByRole("dialog", { name: "Auto-forward" }).waitFor();
      await shot(page, "forward-open", w);
      await page.keyboard.press("Escape");

      if (w < 500) await page.click("[data-testid=back-to-list]");
      await page.getByLabel("Filter by method").selectOption("PUT");
      await page.waitForSelector("[data-testid=capture-count]:has-text(' of ')");
      await shot(page, "filtered-counts", w);

      await live(page, asOwner(doomed));
      await fetch(`${e2e.server.url}/api/bins/${doomed.id}`, { method: "DELETE", headers: manage(doomed) }).catch(() => null);
      await page.waitForSelector("[data-testid=bin-deleted]");
      await shot(page, "deleted-bin", w);

      await page.goto(secret.inspectUrl);
      await page.getByLabel("View token or share link").fill("wrong");
      await page.getByRole("button", { name: "Open" }).click();
      await page.waitForSelector("[data-testid=token-problem]");
      await shot(page, "private-token-prompt", w);

      await page.goto(`${e2e.server.url}/bins/0000000000000000000000`);
      await page.waitForSelector("[data-testid=not-found]");
      await shot(page, "not-found", w);
      await context.close();
    }
  }, 240_000);
});

describe("accessibility (axe-core)", () => {
  it("finds no serious or critical problem on the home page and the inspector, light and dark", async () => {
    const bin = await createBin(e2e.server, { name: "Checked" });
    const jsonId = await fill(bin.captureUrl);
    const problems: string[] = [];
    for (const scheme of ["light", "dark"] as const) {
      for (const size of SIZES) {
        const { context, page } = await open(e2e.browser, size, scheme);
        await page.goto(e2e.server.url);
        await page.waitForSelector("text=Create bin");
        problems.push(...(await axeProblems(page)).map((p) => `home ${scheme} ${size.width}: ${p}`));

        await live(page, asOwner(bin));
        await page.click(`[data-testid=capture-row][data-id="${jsonId}"]`);
        await page.waitForSelector(`[data-testid=capture-detail][data-id="${jsonId}"]`);
        await page.waitForSelector("[data-fresh]", { state: "detached", timeout: 5000 });
        problems.push(...(await axeProblems(page)).map((p) => `inspector ${scheme} ${size.width}: ${p}`));

        await page.click("[data-testid=edit-resend]");
        await page.getByRole("dialog", { name: "Edit and resend" }).waitFor();
        problems.push(...(await axeProblems(page)).map((p) => `editor ${scheme} ${size.width}: ${p}`));
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);
});
