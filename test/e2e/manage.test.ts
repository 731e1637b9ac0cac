import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { asOwner, openInspector, openPage, rowIds, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

const e2e = serverAndBrowser();

const capture = async (captureUrl: string, body = "x") =>
  JSON.parse((await rawRequest(captureUrl, { method: "POST", body })).body.toString()).id as string;

const selectedId = (page: Page) => page.getAttribute("[data-testid=capture-row][aria-selected=true]", "data-id");

describe("managing captures", () => {
  it("pushes a deletion and a clear to every open inspector", async () => {
    const bin = await createBin(e2e.server);
    const ids = [await capture(bin.captureUrl, "a"), await capture(bin.captureUrl, "b"), await capture(bin.captureUrl, "c")].reverse();
    const one = (await openPage(e2e.browser, e2e.server.url)).page;
    const other = (await openPage(e2e.browser, e2e.server.url)).page;
    await Promise.all([openInspector(one, asOwner(bin)), openInspector(other, asOwner(bin))]);
    expect(await rowIds(other)).toEqual(ids);

    await one.click(`[data-testid=capture-row][data-id="${ids[1]}"]`);
    await one.waitForSelector(`[data-testid=capture-detail][data-id="${ids[1]}"]`);
    await one.click("[data-testid=delete-capture]");
    await other.waitForSelector(`[data-id="${ids[1]}"]`, { state: "detached", timeout: 2000 });
    expect(await rowIds(other)).toEqual([ids[0], ids[2]]);
    // The deleting inspector moves on to the next older capture.
    await one.waitForSelector(`[data-testid=capture-detail][data-id="${ids[2]}"]`);

    await one.click("[data-testid=clear-bin]");
    await one.click("[data-testid=clear-bin]");
    await Promise.all([one, other].map((p) => p.waitForSelector("[data-testid=empty-state]", { timeout: 2000 })));
    expect(await rowIds(other)).toEqual([]);
    expect((await (await fetch(`${e2e.server.url}/api/bins/${bin.id}/requests`)).json()).items).toEqual([]);
  });

  it("counts what arrives while an older capture is read, and jumps to it", async () => {
    const bin = await createBin(e2e.server);
    const older = await capture(bin.captureUrl, "old");
    const newest = await capture(bin.captureUrl, "new");
    const { page } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click(`[data-testid=capture-row][data-id="${older}"]`);

    const fresh = [await capture(bin.captureUrl, "1"), await capture(bin.captureUrl, "2")];
    await page.waitForSelector("[data-testid=unread]:has-text('2 new')", { timeout: 2000 });
    expect(await selectedId(page)).toBe(older);
    expect(await rowIds(page)).toEqual([fresh[1], fresh[0], newest, older]);

    await page.click("[data-testid=unread]");
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${fresh[1]}"]`);
    expect(await page.$("[data-testid=unread]")).toBeNull();

    // Reading the newest capture follows the stream.
    const next = await capture(bin.captureUrl, "3");
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${next}"]`, { timeout: 2000 });
  });

  it("holds new captures while paused and shows them on resume", async () => {
    const bin = await createBin(e2e.server);
    const { page } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click("[data-testid=pause-toggle]");
    await page.waitForSelector("[data-testid=connection][data-state=paused]");
    const held = await capture(bin.captureUrl, "while paused");
    await page.waitForSelector("[data-testid=pause-toggle]:has-text('1 waiting')", { timeout: 2000 });
    expect(await rowIds(page)).toEqual([]);
    await page.click("[data-testid=pause-toggle]");
    await page.waitForSelector(`[data-testid=capture-row][data-id="${held}"]`);
    expect(await rowIds(page)).toEqual([held]);
  });
});

describe("a private bin", () => {
  it("opens with its token link and then works live on the cookie alone", async () => {
    const bin = await createBin(e2e.server, { private: true });
    const { page } = await openPage(e2e.browser, e2e.server.url);
    await page.goto(bin.inspectUrl);
    expect(await page.textContent("h1")).toContain("private");

    await openInspector(page, `${bin.inspectUrl}?token=${bin.viewToken}`);
    expect(page.url()).toBe(bin.inspectUrl);
    const id = await capture(bin.captureUrl, "secret");
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${id}"]`, { timeout: 2000 });
    expect(await page.textContent("[data-testid=raw-view]")).toBe("secret");
  });
});
