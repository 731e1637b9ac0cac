import { describe, expect, it } from "vitest";
import { asOwner, openInspector, openPage, rowIds, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin, manage, startServer } from "../helpers/server.ts";

// One database, served in turn by several server processes: each hands it on with stop(true).
const e2e = serverAndBrowser();

const capture = async (captureUrl: string, n: number) =>
  JSON.parse((await rawRequest(`${captureUrl}/n/${n}`, { method: "POST", body: `capture ${n}` })).body.toString()).id as string;

describe("after a lost connection", () => {
  it("resubscribes and shows everything sent meanwhile, once, and drops what was deleted, without a reload", async () => {
    const bin = await createBin(e2e.server);
    const { page } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.evaluate(() => ((window as any).__sameDocument = true));
    const { port, dbFile } = e2e.server;
    const ids = [await capture(bin.captureUrl, 1)];
    await page.waitForSelector(`[data-id="${ids[0]}"]`, { timeout: 2000 });

    await e2e.server.stop(true);
    await page.waitForSelector("[data-testid=connection][data-state=reconnecting]");

    // Captures land while the page is cut off: on a server at another port, so the page cannot
    // reconnect to it and could only learn of them from the REST API later.
    const elsewhere = await startServer({}, dbFile);
    const elsewhereUrl = bin.captureUrl.replace(`:${port}/`, `:${elsewhere.port}/`);
    for (const n of [2, 3, 4]) ids.unshift(await capture(elsewhereUrl, n));
    const deleted = ids.pop()!;
    expect((await fetch(`${elsewhere.url}/api/bins/${bin.id}/requests/${deleted}`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    await elsewhere.stop(true);

    e2e.server = await startServer({ PORT: String(port) }, dbFile);
    await page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
    await page.waitForSelector(`[data-id="${ids[0]}"]`, { timeout: 5000 });
    ids.unshift(await capture(bin.captureUrl, 5));
    await page.waitForSelector(`[data-id="${ids[0]}"]`, { timeout: 2000 });

    expect(await rowIds(page)).toEqual(ids);
    expect(await page.textContent("[data-testid=capture-count]")).toBe("4 captures");
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    // Three server starts in one test: on a busy machine each may take many seconds.
  }, 120_000);
});
