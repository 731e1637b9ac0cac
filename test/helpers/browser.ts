import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { chromiumPath } from "../../scripts/test-prerequisites.mjs";
import { startServer, type TestServer } from "./server.ts";

/** Debian's Chromium (or CHROMIUM_PATH), driven by playwright-core (its own browser download is not available here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * The one server and one browser of an end-to-end test file, started before its tests and stopped
 * after them. `server` may be replaced by a test (a restart); the last one is stopped.
 */
export function serverAndBrowser(env: Record<string, string> = {}): { server: TestServer; browser: Browser } {
  const shared = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    [shared.server, shared.browser] = await Promise.all([startServer(env), launchBrowser()]);
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A fresh context (laptop size unless told) that may use the clipboard, with page errors collected. */
export async function openPage(browser: Browser, origin: string, viewport = LAPTOP): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

export const ARTIFACTS = new URL("../artifacts/", import.meta.url).pathname;

/** Ids of the capture rows in the list, top to bottom. */
export function rowIds(page: Page): Promise<string[]> {
  return page.$$eval("[data-testid=capture-row]", (rows) =>
    rows.sort((a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top)).map((r) => r.getAttribute("data-id")!),
  );
}

/** The inspector's address carrying the bin's manage key in its fragment, as its owner hands it on. */
export const asOwner = (bin: { inspectUrl: string; manageKey: string }, query = "") => `${bin.inspectUrl}${query}#key=${encodeURIComponent(bin.manageKey)}`;

/** Opens a bin's inspector and waits until its live subscription is up. */
export async function openInspector(page: Page, inspectUrl: string): Promise<void> {
  await page.goto(inspectUrl);
  await page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
}

/** The [name, value] rows of a pairs table (headers, query, form). */
export function tablePairs(page: Page, testId: string): Promise<[string, string][]> {
  return page.$$eval(`[data-testid=${testId}] tr`, (rows) =>
    rows.map((r) => [r.querySelector("th")!.textContent!, r.querySelector("td")!.textContent!] as [string, string]),
  );
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's findings that are serious or critical, as "rule: target" lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(" ")} — ${n.failureSummary}`));
}
