import { describe, expect, it } from "vitest";
import { ARTIFACTS, openPage, serverAndBrowser } from "../helpers/browser.ts";

const e2e = serverAndBrowser();

describe("home page", () => {
  it("creates a named private bin, opens its live inspector, and lists it as a recent bin", async () => {
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await page.goto(e2e.server.url);
    await page.getByLabel("Bin name (optional)").fill("Stripe <staging>");
    await page.getByLabel(/Private/).check();
    await page.getByRole("button", { name: "Create bin" }).click();
    await page.waitForURL(/\/bins\/[0-9A-Za-z]{22}$/);
    await page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
    expect(await page.textContent("header")).toContain("Stripe <staging>");
    const binId = new URL(page.url()).pathname.split("/")[2];
    await page.screenshot({ path: `${ARTIFACTS}private-bin.png` });
    await page.click("[data-testid=copy-share-link]");
    const shareUrl = await page.evaluate(() => navigator.clipboard.readText());
    expect(shareUrl).toMatch(new RegExp(`/bins/${binId}\\?token=[0-9A-Za-z]{32}$`));

    // The bin is private: without the cookie the link alone shows nothing.
    const stranger = await e2e.browser.newPage();
    await stranger.goto(`${e2e.server.url}/bins/${binId}`);
    expect(await stranger.textContent("main")).toContain("This bin is private");
    // …and the share link opens it.
    await stranger.goto(shareUrl);
    await stranger.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
    await stranger.close();

    await page.goto(e2e.server.url);
    await page.waitForSelector("text=Your recent bins");
    await page.screenshot({ path: `${ARTIFACTS}home.png` });
    await page.getByRole("link", { name: /Stripe <staging>/ }).click();
    await page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});
