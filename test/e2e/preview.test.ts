import { describe, expect, it } from "vitest";
import { openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
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
    await openInspector(page, bin.inspectUrl);
    await page.click("[data-testid=capture-row]");
    await page.getByRole("tab", { name: "Preview" }).click();
    const frame = page.frameLocator("[data-testid=html-preview]");
    await expect.poll(() => frame.locator("h1").textContent()).toBe("Hello preview");
    await new Promise((r) => setTimeout(r, 1500));
    expect((await getJson(`${e2e.server.url}/api/bins/${canary.id}`)).body.requestCount).toBe(0);
    expect(await frame.locator("h1").textContent()).toBe("Hello preview");
    expect(errors).toEqual([]);
  });
});
