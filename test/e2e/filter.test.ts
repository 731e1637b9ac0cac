import { describe, expect, it } from "vitest";
import { ARTIFACTS, asOwner, openInspector, openPage, rowIds, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

const e2e = serverAndBrowser();

const send = async (url: string, method: string, headers: [string, string][], body: string) =>
  JSON.parse((await rawRequest(url, { method, headers, body })).body.toString()).id as string;

describe("filtering the inspector's list", () => {
  it("narrows by text in the body, method and header, keeps matching arrivals live, and clears back", async () => {
    const bin = await createBin(e2e.server);
    const stripe = await send(`${bin.captureUrl}/stripe`, "POST", [["Stripe-Signature", "v1=abc"]], '{"type":"invoice.paid"}');
    const github = await send(`${bin.captureUrl}/github`, "POST", [["X-GitHub-Event", "push"]], '{"ref":"main"}');
    const put = await send(`${bin.captureUrl}/other`, "PUT", [], "Invoice attached");
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    expect(await rowIds(page)).toEqual([put, github, stripe]);

    await page.getByLabel("Search path, query and body").fill("invoice");
    await expect.poll(() => rowIds(page)).toEqual([put, stripe]);
    await page.getByLabel("Filter by method").selectOption("POST");
    await expect.poll(() => rowIds(page)).toEqual([stripe]);

    // Arrivals still show up live when they match, and only then.
    const later = await send(`${bin.captureUrl}/stripe/again`, "POST", [], '{"type":"invoice.created"}');
    await send(`${bin.captureUrl}/nope`, "POST", [], '{"type":"charge"}');
    await expect.poll(() => rowIds(page), { timeout: 2000 }).toEqual([later, stripe]);
    await page.screenshot({ path: `${ARTIFACTS}filtered-list.png` });

    await page.getByLabel("Search path, query and body").fill("");
    await page.getByLabel("Filter by method").selectOption("");
    await page.getByLabel("Filter by header").fill("x-github-event:push");
    await expect.poll(() => rowIds(page)).toEqual([github]);

    await page.getByLabel("Filter by header").fill("no-such-header");
    await page.waitForSelector("text=No captures match these filters.");
    await page.getByLabel("Filter by header").fill("");
    await expect.poll(() => (rowIds(page)).then((ids) => ids.length)).toBe(5);
    expect(errors).toEqual([]);
  });
});
