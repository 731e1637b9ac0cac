import { describe, expect, it } from "vitest";
import { ARTIFACTS, asOwner, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

const e2e = serverAndBrowser();

describe("the rules editor", () => {
  it("builds a rule, previews it on a capture, refuses a bad field beside it, and the sender gets its templated answer", async () => {
    const bin = await createBin(e2e.server);
    await rawRequest(`${bin.captureUrl}/orders/41`, { method: "POST", headers: [["X-Event", "created"]], body: '{"id":"ord_41"}' });
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click("[data-testid=capture-row]");
    await page.waitForSelector("[data-testid=capture-detail]");

    await page.click("[data-testid=rules-open]");
    await page.waitForSelector("[data-testid=rules-dialog][open]");
    // The dialog is modal and holds the focus.
    expect(await page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
    await page.click("[data-testid=rule-add]");
    const rule = page.locator("[data-testid=rule]").first();
    await rule.locator("[data-testid=rule-name]").fill("Orders API");
    await rule.locator("[data-testid=rule-path]").fill("/orders/*");
    await rule.locator("[data-testid=rule-status]").fill("abc");
    await rule.locator("[data-testid=rule-body]").fill('{"order":"{{json.id}}","event":"{{header.x-event}}","capture":"{{captureId}}"}');
    await page.click("[data-testid=rules-save]");
    // The API's own schema refuses the status, next to its field; nothing was saved.
    await rule.locator("label:has([data-testid=rule-status]) [role=alert]").waitFor();
    expect((await (await fetch(`${e2e.server.url}/api/bins/${bin.id}/rules`)).json()).rules).toEqual([]);

    await rule.locator("[data-testid=rule-status]").fill("201");
    await rule.locator("[data-testid=rule-test]").click();
    const preview = await rule.locator("[data-testid=rule-preview]").textContent();
    expect(preview).toContain("Matches POST /orders/41");
    expect(preview).toContain('{"order":"ord_41","event":"created","capture":"');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${ARTIFACTS}rules-editor.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}rules-editor-390.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.click("[data-testid=rules-save]");
    await page.waitForSelector("text=Saved.");
    await page.keyboard.press("Escape");
    await page.waitForSelector("[data-testid=rules-dialog]", { state: "detached" });

    const answered = await rawRequest(`${bin.captureUrl}/orders/42`, { method: "POST", headers: [["X-Event", "paid"]], body: '{"id":"ord_42"}' });
    expect(answered.status).toBe(201);
    const body = JSON.parse(answered.body.toString());
    expect(body).toMatchObject({ order: "ord_42", event: "paid" });
    await page.click(`[data-testid=capture-row][data-id="${body.capture}"]`);
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${body.capture}"] [data-testid=answered]`);
    expect(await page.textContent("[data-testid=answered-status]")).toBe("201");
    expect(await page.textContent("[data-testid=answered-by]")).toContain("Orders API");
    await page.screenshot({ path: `${ARTIFACTS}rules-answered.png` });
    expect(errors).toEqual([]);
  });
});
