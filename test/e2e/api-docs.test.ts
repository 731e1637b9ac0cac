import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, LAPTOP, PHONE, axeProblems, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { getJson } from "../helpers/http.ts";

// /docs: an interactive reference of the API, generated from /api/openapi.json, with everything it
// needs served by this server (a self-hosted instance may have no internet at all).

const e2e = serverAndBrowser();

/** Every URL the page asks for, recorded from before it loads. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}

const offOrigin = (urls: string[]) => urls.filter((u) => !/^(data|blob|about):/.test(u) && new URL(u).hostname !== "127.0.0.1");

describe("the OpenAPI document", () => {
  it("is readable from any origin and describes /healthz, /metrics and the capture path too", async () => {
    const res = await fetch(`${e2e.server.url}/api/openapi.json`, { headers: { origin: "https://editor.swagger.io" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const { body } = await getJson(`${e2e.server.url}/api/openapi.json`);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/healthz", "/metrics", "/b/{binId}", "/api/openapi.json"]));
  });
});

describe.each([["1280", LAPTOP], ["390", PHONE]] as const)("/docs at %s px", (width, viewport) => {
  it("renders the operations from this server alone", async () => {
    const { page, errors } = await openPage(e2e.browser, e2e.server.url, viewport);
    const urls = recordRequests(page);
    await page.goto(`${e2e.server.url}/`);
    await page.getByRole("link", { name: "REST API" }).click();
    await page.waitForURL(`${e2e.server.url}/docs`);
    // Operations by their summaries, as the operation list names them, in the sidebar (on a phone
    // behind the reference's own menu); one opens its section.
    if (viewport === PHONE) await page.getByRole("button", { name: "Open Menu" }).click();
    for (const summary of ["Capture a GET request", "Create a bin", "Get a capture", "Check the capture's webhook signature"]) {
      await page.getByText(summary).filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    }
    await page.getByText("Get a capture").filter({ visible: true }).first().click();
    await page.getByRole("heading", { name: "Get a capture" }).filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${ARTIFACTS}api-docs-${width}.png` });
    expect(urls.some((u) => u.endsWith("/api/openapi.json"))).toBe(true);
    expect(offOrigin(urls)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("/docs accessibility", () => {
  it("has no serious axe finding in the page Hookjar wraps around the reference", async () => {
    const { page } = await openPage(e2e.browser, e2e.server.url);
    await page.goto(`${e2e.server.url}/docs`);
    await page.getByText("Create a bin").filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    expect(await axeProblems(page)).toEqual([]);
  });
});
