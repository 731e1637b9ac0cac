import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, LAPTOP, PHONE, asOwner, axeProblems, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin, manage, type CreatedBin } from "../helpers/server.ts";
import { closedPort } from "../helpers/target.ts";

// The list's rows stay one 44 px row whatever marks they carry; a phone shows the list near the top
// (the bin's actions behind a menu); Compare keeps header names whole on a phone.

const e2e = serverAndBrowser({ HANG_MAX_MS: "1000", FORWARD_RETRIES: "0" });

async function api(bin: CreatedBin, method: string, path: string, body: unknown) {
  const res = await fetch(`${e2e.server.url}${path}`, { method, headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}

/** A bin whose captures carry many marks at once: forward failed, hung, reset, duplicate, and a long content type. */
async function markedBin() {
  const bin = await createBin(e2e.server, { name: "A rather long bin name for a small phone screen" });
  await api(bin, "PUT", `/api/bins/${bin.id}/forward`, { url: `http://127.0.0.1:${await closedPort()}/in`, enabled: true });
  await api(bin, "PUT", `/api/bins/${bin.id}/rules`, {
    rules: [
      { match: { path: "/hang" }, respond: { status: 200 }, fault: { kind: "hang" } },
      { match: { path: "/reset" }, respond: { status: 200 }, fault: { kind: "reset" } },
    ],
  });
  // The same delivery twice, so the later one is marked as a duplicate too.
  const headers: [string, string][] = [["Content-Type", "application/vnd.github.v3+json; charset=utf-8"], ["X-GitHub-Delivery", "72d3162e-cc78-11e3"]];
  // Hung and reset senders get no answer: their requests end in an error, as they should.
  for (const p of ["/hang", "/reset"]) await rawRequest(`${bin.captureUrl}${p}`, { method: "POST", headers, body: "{}" }).catch(() => null);
  await rawRequest(`${bin.captureUrl}/orders/created/with/a/long/sub/path`, { method: "POST", headers, body: "{}" });
  return bin;
}

/** Each row's height, and the height of its marks line (one line of 16 px when nothing wraps). */
const rowBoxes = (page: Page) =>
  page.$$eval("[data-testid=capture-row]", (rows) =>
    rows.map((r) => ({
      id: r.getAttribute("data-id"),
      row: r.getBoundingClientRect().height,
      marks: r.querySelector("[data-testid=capture-marks]")!.getBoundingClientRect().height,
      content: r.scrollHeight,
    })),
  );

describe.each([["1280", LAPTOP], ["390", PHONE]] as const)("rows at %s px", (width, viewport) => {
  it("keep forward failed, hung and reset marks on one line of a 44 px row", async () => {
    const bin = await markedBin();
    const { page, errors } = await openPage(e2e.browser, e2e.server.url, viewport);
    await openInspector(page, bin.inspectUrl);
    await expect.poll(() => page.locator("[data-testid=forward-failed]").count(), { timeout: 15_000 }).toBe(3);
    expect(await page.locator("[data-testid=duplicate-marker]").count()).toBe(2);
    for (const box of await rowBoxes(page)) {
      expect(box.row, `row ${box.id}`).toBe(44);
      expect(box.marks, `marks of ${box.id}`).toBeLessThanOrEqual(16);
      expect(box.content, `content of ${box.id}`).toBeLessThanOrEqual(44);
    }
    await page.screenshot({ path: `${ARTIFACTS}rows-${width}.png` });
    expect(errors).toEqual([]);
  });
});

describe("captures whose sender got no answer", () => {
  it("are marked hung or reset in the list", async () => {
    const bin = await markedBin();
    const { page } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, bin.inspectUrl);
    const marks = () =>
      page.$$eval("[data-testid=capture-row]", (rows) =>
        Object.fromEntries(rows.map((r) => [r.querySelector("[data-testid=capture-target]")!.textContent, r.querySelector("[data-testid=answer-chip]")?.textContent ?? null])),
      );
    await expect.poll(marks).toMatchObject({ "/hang": "⏸ hung", "/reset": "✂ reset", "/orders/created/with/a/long/sub/path": null });
  });
});

describe("the inspector on a phone (390 × 844)", () => {
  it("starts the list within the top 160 px, with the bin's actions in a menu", async () => {
    const bin = await markedBin();
    const { page, errors } = await openPage(e2e.browser, e2e.server.url, PHONE);
    await openInspector(page, asOwner(bin));
    const firstRowTop = await page.$eval("[data-testid=capture-row]", (r) => r.getBoundingClientRect().top);
    expect(firstRowTop).toBeLessThanOrEqual(160);
    expect(await page.getByTestId("pause-toggle").isVisible()).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}phone-list-390.png` });

    const menu = page.getByTestId("bin-menu");
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    for (const id of ["pause-toggle", "rules-open", "settings-toggle"]) expect(await page.getByTestId(id).isVisible(), id).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}phone-menu-390.png` });
    expect(await axeProblems(page)).toEqual([]);

    // A dialog opened from the menu takes focus and closes on Escape; the menu stays for the next action.
    await page.getByTestId("settings-toggle").click();
    const settings = page.getByRole("dialog").first();
    await expect.poll(() => settings.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    expect(await page.getByTestId("pause-toggle").isVisible()).toBe(true);
    // Escape in the menu closes it and gives focus back to its button.
    await page.getByTestId("pause-toggle").focus();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("pause-toggle").isVisible()).toBe(false);
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("shows the bar's actions in place on a laptop, with no menu button", async () => {
    const bin = await createBin(e2e.server);
    const { page } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, bin.inspectUrl);
    expect(await page.getByTestId("bin-menu").isVisible()).toBe(false);
    expect(await page.getByTestId("pause-toggle").isVisible()).toBe(true);
  });

  it("compares two captures without breaking header names mid-word", async () => {
    const bin = await createBin(e2e.server);
    const post = async (delivery: string, body: string) => {
      const headers: [string, string][] = [["X-GitHub-Hook-Installation-Target-Type", "repository"], ["Content-Type", "application/json"], ["X-GitHub-Delivery", delivery]];
      return JSON.parse((await rawRequest(bin.captureUrl, { method: "POST", headers, body })).body.toString()).id;
    };
    const older = await post("d1", '{"status":"open"}');
    await post("d2", '{"status":"closed"}');
    const { page, errors } = await openPage(e2e.browser, e2e.server.url, PHONE);
    await openInspector(page, bin.inspectUrl);
    await page.click("[data-testid=capture-row]");
    await page.click("[data-testid=compare]");
    await page.click(`[data-testid=diff-picker] [data-id="${older}"]`);
    await page.waitForSelector("[data-testid=diff-header]");
    // A name that fits the width is one line: a break inside it would make it taller.
    const heights = await page.$$eval("[data-testid=diff-header]", (cells) =>
      cells.map((c) => [c.textContent, c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight)] as const),
    );
    for (const [name, lines] of heights) expect(Math.round(lines * 10) / 10, name!).toBeLessThanOrEqual(1.5);
    await page.screenshot({ path: `${ARTIFACTS}compare-390.png` });
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("diff-dialog").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
