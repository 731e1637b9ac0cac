import { describe, expect, it } from "vitest";
import { asOwner, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { getJson, rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

const e2e = serverAndBrowser();

describe("HTML preview", () => {
  it("renders a captured page without letting it navigate anywhere (meta refresh)", async () => {
    const bin = await createBin(e2e.server);
    // If the preview navigated, this other bin would capture the GET.
    const canary = await createBin(e2e.server);
    const html = `<html><head><meta http-equiv="refresh" content="0;url=${canary.captureUrl}/leak"><META HTTP-EQUIV=Refresh CONTENT="0; URL=${canary.captureUrl}/leak2"></head><body><h1>Hello preview</h1></body></html>`;
    await rawRequest(bin.captureUrl, { method: "POST", headers: [["Content-Type", "text/html"]], body: html });
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click("[data-testid=capture-row]");
    // Each refresh tag ends one of two ways, and either is an event: Chromium refuses it in a sandboxed
    // document and says so on the console, or the frame navigates, which it does only once the canary
    // has answered (so stored) the GET. Both are awaited, not a time long enough for a refresh.
    let refused = 0;
    const settled = new Promise<void>((resolve) => {
      page.on("console", (m) => /Refused to execute the redirect.*http-equiv='refresh'/.test(m.text()) && ++refused === 2 && resolve());
      page.on("framenavigated", (f) => f.url().startsWith(canary.captureUrl) && resolve());
    });
    await page.getByRole("tab", { name: "Preview" }).click();
    await settled;
    expect((await getJson(`${e2e.server.url}/api/bins/${canary.id}`)).body.requestCount).toBe(0);
    // Rendered, and still the captured page (a navigated frame would hold the canary's answer).
    expect(await page.frameLocator("[data-testid=html-preview]").locator("h1").textContent({ timeout: 5000 })).toBe("Hello preview");
    expect(errors).toEqual([]);
  });
});
