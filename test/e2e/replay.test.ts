import { mkdirSync } from "node:fs";
import path from "node:path";
import { verify as githubVerify } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, asOwner, axeProblems, openInspector, rowIds, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";
import { startEcho, until, type Echo } from "../helpers/target.ts";

// Selecting captures in the inspector and replaying them to a local target, on a laptop and a phone.

const e2e = serverAndBrowser();
let echo: Echo;
beforeAll(async () => {
  echo = await startEcho((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("ok");
  });
});
afterAll(() => echo?.close());

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../docs/screenshots");

describe("replay in the inspector", () => {
  for (const [width, height] of [[1280, 800], [390, 844]] as const) {
    it(`selects three captures and replays them, progress reaching 3/3 (${width} px)`, async () => {
      const bin = await createBin(e2e.server);
      for (const [i, event] of ["push", "pull_request", "issues", "release"].entries()) {
        const body = JSON.stringify({ n: i, event, note: "hello" });
        await rawRequest(`${bin.captureUrl}/github?n=${i}`, {
          method: "POST",
          headers: [["Content-Type", "application/json"], ["X-GitHub-Event", event], ["Content-Length", String(Buffer.byteLength(body))]],
          body,
        });
      }
      const context = await e2e.browser.newContext({ viewport: { width, height }, ...(width < 500 ? { isMobile: true, hasTouch: true } : {}) });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await openInspector(page, asOwner(bin));
      await page.waitForSelector("[data-testid=capture-row]");
      const ids = await rowIds(page);
      expect(ids).toHaveLength(4);

      // A click checks one; a shift-click checks the range up to it.
      await page.click(`[data-testid=capture-row][data-id="${ids[0]}"] [data-testid=capture-check]`);
      await page.click(`[data-testid=capture-row][data-id="${ids[2]}"] [data-testid=capture-check]`, { modifiers: ["Shift"] });
      await expect.poll(() => page.textContent("[data-testid=selection-count]")).toBe("3 selected");
      expect(await page.locator("[data-testid=capture-check][data-checked]").count()).toBe(3);
      expect(await axeProblems(page), "the list with checked captures").toEqual([]);
      // Checking is not opening: on a phone the list stays in view.
      expect(await page.isVisible("[data-testid=list-pane]")).toBe(true);

      await page.click("[data-testid=replay-open]");
      const dialog = page.getByRole("dialog", { name: "Replay captures" });
      await dialog.waitFor();
      // The dialog takes focus, on its first field.
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("replay-url");
      const prefix = `/replayed-${width}`;
      await page.fill("[data-testid=replay-url]", `${echo.url}${prefix}`);
      await page.fill("[data-testid=replay-speed]", "20");
      await page.click("[data-testid=replay-start]");

      await expect.poll(() => page.textContent("[data-testid=replay-count]"), { timeout: 20_000 }).toBe("3/3");
      await expect.poll(() => page.getAttribute("[data-testid=replay-progress]", "aria-valuenow")).toBe("3");
      await expect.poll(() => page.locator("[data-testid=sha-match]").count()).toBe(3);
      expect(await page.textContent("[data-testid=replay-state]")).toBe("Done");
      expect(await page.getByRole("button", { name: "Replay again" }).isVisible()).toBe(true);
      // Oldest first: the list is newest first, so the three arrive bottom-up.
      const arrived = echo.received.filter((r) => r.url.startsWith(prefix)).map((r) => r.url);
      expect(arrived).toEqual([`${prefix}/github?n=1`, `${prefix}/github?n=2`, `${prefix}/github?n=3`]);

      expect(await axeProblems(page)).toEqual([]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS}replay-${width}.png` });
      if (width === 1280) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, "replay.png") });
      }

      // Escape closes it; each capture now shows its replay, with the same bytes.
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      await page.click(`[data-testid=capture-row][data-id="${ids[1]}"]`);
      await page.waitForSelector("[data-testid=attempt-sha256]");
      expect(await page.textContent("[data-testid=attempt-sha256]")).toContain("✓ same bytes");
      expect(await page.textContent("[data-testid=body-sha256]")).toMatch(/^[0-9a-f]{64}$/);
      expect(errors).toEqual([]);
      await context.close();
    }, 90_000);
  }

  it("replays all that match the filter, loaded or not, and x checks the open capture", async () => {
    const bin = await createBin(e2e.server);
    for (const [method, path] of [["POST", "/a"], ["GET", "/b"], ["POST", "/c"], ["POST", "/d"]]) {
      await rawRequest(`${bin.captureUrl}${path}`, { method, headers: [["Content-Length", "1"]], body: "x" });
    }
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openInspector(page, asOwner(bin));
    await page.getByLabel("Filter by method").selectOption("POST");
    await expect.poll(() => page.locator("[data-testid=capture-row]").count()).toBe(3);
    // The keyboard: the open capture is checked with x.
    await page.click("[data-testid=capture-row] >> nth=0");
    await page.keyboard.press("x");
    await expect.poll(() => page.textContent("[data-testid=selection-count]")).toBe("1 selected");
    await page.click("[data-testid=select-all-matching]");
    await expect.poll(() => page.textContent("[data-testid=selection-count]")).toBe("All 3 that match the filter");
    await page.click("[data-testid=replay-open]");
    await page.fill("[data-testid=replay-url]", `${echo.url}/matching-${bin.id}`);
    await page.selectOption("[data-testid=replay-timing]", "none");
    await page.click("[data-testid=replay-start]");
    await expect.poll(() => page.textContent("[data-testid=replay-count]"), { timeout: 20_000 }).toBe("3/3");
    expect(echo.received.filter((r) => r.url.startsWith(`/matching-${bin.id}`)).map((r) => r.url)).toEqual(
      ["/a", "/c", "/d"].map((p) => `/matching-${bin.id}${p}`),
    );
    await context.close();
  }, 90_000);

  it("starts a resend from a provider sample, signed with the receiver's secret, into the bin", async () => {
    const bin = await createBin(e2e.server);
    await rawRequest(`${bin.captureUrl}/first`, { method: "POST", body: "x" });
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openInspector(page, asOwner(bin));
    await page.click("[data-testid=capture-row]");
    await page.click("[data-testid=edit-resend]");
    const picker = page.locator("[data-testid=sample-picker]");
    await picker.focus();
    await expect.poll(() => picker.locator("optgroup").evaluateAll((groups) => groups.map((g) => g.getAttribute("label")))).toEqual(
      ["GitHub", "Stripe", "Shopify", "Slack", "Standard Webhooks", "Twilio"],
    );
    await picker.selectOption("github.push");
    await expect.poll(() => page.getByTestId("resign-secret").isVisible()).toBe(true);
    await page.getByTestId("resign-secret").fill("It's a Secret to Everybody");
    await page.click("[data-testid=sample-into-bin]");
    expect(await page.getByLabel("Target URL").inputValue()).toBe(`${bin.captureUrl}/github`);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector("[data-testid=resend-status]", { timeout: 15_000 });
    const page1 = await until(async () => {
      const list = await (await fetch(`${e2e.server.url}/api/bins/${bin.id}/requests`)).json();
      return list.items.find((c: { path: string }) => c.path === "/github");
    }, 10_000, "the sample in the bin");
    const capture = await (await fetch(`${e2e.server.url}/api/bins/${bin.id}/requests/${page1.id}`)).json();
    const signature = capture.headers.find(([n]: [string, string]) => n === "X-Hub-Signature-256")[1];
    expect(await githubVerify("It's a Secret to Everybody", capture.body.data, signature)).toBe(true);
    // A sample is not the open capture: no attempt was kept on it.
    const first = await (await fetch(`${e2e.server.url}/api/bins/${bin.id}/requests?limit=10`)).json();
    expect(first.items.find((c: { path: string }) => c.path === "/first")).toBeDefined();
    await context.close();
  }, 90_000);
});
