import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, LAPTOP, PHONE, axeProblems, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

// Each capture has an address of its own, /bins/{binId}/{captureId}: selecting one puts it in the
// address bar, a reload opens the same capture, and back and forward move between the chosen ones.

const e2e = serverAndBrowser();

async function capture(url: string, name: string): Promise<string> {
  const res = await rawRequest(`${url}/${name}`, { method: "POST", headers: [["Content-Type", "text/plain"]], body: name });
  return JSON.parse(res.body.toString()).id;
}

const path = (page: Page) => new URL(page.url()).pathname;
const shown = (page: Page) => page.getAttribute("[data-testid=capture-detail]", "data-id");
const selectedRow = (page: Page) => page.getAttribute("[data-testid=capture-row][aria-selected=true]", "data-id");
const detailVisible = (page: Page) => page.getByTestId("detail-pane").isVisible();

describe.each([["1280", LAPTOP], ["390", PHONE]] as const)("capture permalinks at %s px", (width, viewport) => {
  it("puts the selected capture in the address bar; a reload keeps it; back and forward move between captures", async () => {
    const bin = await createBin(e2e.server);
    const oldest = await capture(bin.captureUrl, "first");
    const middle = await capture(bin.captureUrl, "second");
    const newest = await capture(bin.captureUrl, "third");
    const { page, errors } = await openPage(e2e.browser, e2e.server.url, viewport);
    const phone = viewport === PHONE;
    const binPath = `/bins/${bin.id}`;
    await openInspector(page, bin.inspectUrl);
    // Following the newest, the address names no capture.
    expect(path(page)).toBe(binPath);

    const open = async (id: string) => {
      if (phone && (await detailVisible(page))) await page.getByTestId("back-to-list").click();
      await page.click(`[data-testid=capture-row][data-id="${id}"]`);
      await expect.poll(() => path(page)).toBe(`${binPath}/${id}`);
      await expect.poll(() => shown(page)).toBe(id);
    };
    await open(middle);
    await open(oldest);

    await page.reload();
    await page.waitForSelector("[data-testid=connection][data-state=live]");
    expect(path(page)).toBe(`${binPath}/${oldest}`);
    await expect.poll(() => shown(page)).toBe(oldest);
    expect(await detailVisible(page)).toBe(true);
    if (!phone) expect(await selectedRow(page)).toBe(oldest);
    expect(await page.getByTestId("capture-detail").textContent()).toContain("/first");
    await page.screenshot({ path: `${ARTIFACTS}permalink-${width}.png` });

    await page.goBack();
    await expect.poll(() => path(page)).toBe(`${binPath}/${middle}`);
    await expect.poll(() => shown(page)).toBe(middle);
    await page.goBack();
    await expect.poll(() => path(page)).toBe(binPath);
    // The bin's own address: the newest capture, and on a phone the list.
    if (phone) await expect.poll(() => page.getByTestId("list-pane").isVisible()).toBe(true);
    else await expect.poll(() => shown(page)).toBe(newest);
    await page.goForward();
    await expect.poll(() => path(page)).toBe(`${binPath}/${middle}`);
    await expect.poll(() => shown(page)).toBe(middle);
    expect(await detailVisible(page)).toBe(true);

    // Keyboard moves are choices too.
    if (!phone) {
      await page.keyboard.press("j");
      await expect.poll(() => path(page)).toBe(`${binPath}/${oldest}`);
      await page.goBack();
      await expect.poll(() => shown(page)).toBe(middle);
    }
    expect(await axeProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("a permalink opened cold", () => {
  it("opens the inspector on that capture, live, and new arrivals do not move it", async () => {
    const bin = await createBin(e2e.server);
    const older = await capture(bin.captureUrl, "older");
    await capture(bin.captureUrl, "newer");
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, `${bin.inspectUrl}/${older}`);
    await expect.poll(() => shown(page)).toBe(older);
    expect(await selectedRow(page)).toBe(older);
    const arrived = await capture(bin.captureUrl, "later");
    await page.waitForSelector(`[data-testid=capture-row][data-id="${arrived}"]`);
    expect(await shown(page)).toBe(older);
    expect(path(page)).toBe(`/bins/${bin.id}/${older}`);
    expect(errors).toEqual([]);
  });
});
