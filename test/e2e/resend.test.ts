import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ARTIFACTS, LAPTOP, PHONE, asOwner, axeProblems, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";
import { closedPort, startEcho, until, type Echo } from "../helpers/target.ts";

// The app listens on 127.0.0.1 only, so resending to this machine's services is allowed.
const e2e = serverAndBrowser();
let echo: Echo;

beforeAll(async () => {
  echo = await startEcho((req, res) => {
    res.writeHead(202, "Accepted", { "Content-Type": "application/json", "X-Target": "echo" });
    res.end(JSON.stringify({ received: JSON.parse(req.body.toString() || "null"), path: req.url }));
  });
});
afterAll(() => echo?.close());

describe("edit & resend in the inspector", () => {
  it("sends an edited JSON capture to a target and shows its answer, then keeps the attempt", async () => {
    const bin = await createBin(e2e.server);
    const original = JSON.stringify({ event: "order.created", amount: 10 });
    await rawRequest(`${bin.captureUrl}/orders?src=shop`, {
      method: "POST",
      headers: [["Content-Type", "application/json"], ["X-Signature", "sha256=abc"]],
      body: original,
    });
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click("[data-testid=capture-row]");
    await page.click("[data-testid=edit-resend]");

    const dialog = page.getByRole("dialog", { name: "Edit and resend" });
    // No guessed target (it would fail at once): the field starts empty, focused, and says what goes there.
    await expect.poll(() => dialog.getByLabel("Target URL").inputValue()).toBe("");
    expect(await dialog.getByLabel("Target URL").evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.textContent("[data-testid=resend-target-hint]")).toMatch(/Where should it go/);
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    expect(await page.textContent("[data-testid=resend-target-hint]")).toMatch(/Enter the URL/);
    await dialog.getByLabel("Target URL").fill(`${echo.url}/hooks/orders`);
    const edited = JSON.stringify({ event: "order.created", amount: 99 });
    await dialog.getByLabel("Request body").fill(edited);
    await dialog.getByRole("button", { name: "Format JSON" }).click();
    await dialog.getByRole("button", { name: "Send", exact: true }).click();

    await page.waitForSelector("[data-testid=resend-status]", { timeout: 15_000 });
    expect(await page.textContent("[data-testid=resend-status]")).toBe("202");
    expect(JSON.parse((await page.textContent("[data-testid=resend-body]"))!)).toEqual({ received: { event: "order.created", amount: 99 }, path: "/hooks/orders" });
    await page.screenshot({ path: `${ARTIFACTS}resend-editor.png` });

    const sent = echo.received.at(-1)!;
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe("/hooks/orders");
    expect(sent.headers).toContainEqual(["X-Signature", "sha256=abc"]);
    expect(sent.headers).toContainEqual(["Content-Type", "application/json"]);
    expect(JSON.parse(sent.body.toString())).toEqual({ event: "order.created", amount: 99 });
    expect(sent.body.toString()).toBe(JSON.stringify(JSON.parse(edited), null, 2));

    await dialog.getByRole("button", { name: "Close editor" }).click();
    await page.waitForSelector("[data-testid=attempt]");
    expect(await page.textContent("[data-testid=attempt]")).toContain(`${echo.url}/hooks/orders`);
    expect(await page.textContent("[data-testid=attempt]")).toContain("202");

    // An attempt opens again in the editor with what it sent.
    await page.getByRole("button", { name: "Edit again" }).click();
    await expect.poll(() => dialog.getByLabel("Target URL").inputValue()).toBe(`${echo.url}/hooks/orders`);
    expect(await page.textContent("[data-testid=resend-target-hint]")).toMatch(/Where this attempt was sent/);
    expect(JSON.parse(await dialog.getByLabel("Request body").inputValue())).toEqual({ event: "order.created", amount: 99 });
    expect(errors).toEqual([]);
  });

  it("shows why a target could not be reached", async () => {
    const bin = await createBin(e2e.server);
    await rawRequest(bin.captureUrl, { method: "POST", body: "x" });
    const { page } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click("[data-testid=capture-row]");
    await page.click("[data-testid=edit-resend]");
    const dialog = page.getByRole("dialog", { name: "Edit and resend" });
    await dialog.getByLabel("Target URL").fill("ftp://127.0.0.1/x");
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector("[data-testid=resend-error]");
    // One sentence for people: no error code, no status in front of it.
    expect(await page.textContent("[data-testid=resend-error]")).toBe("The URL must start with http:// or https://.");

    // A port out of range is named as such, not as "not an http URL".
    await dialog.getByLabel("Target URL").fill("http://127.0.0.1:99999/x");
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector("[data-testid=resend-error]:has-text('99999')");
    expect(await page.textContent("[data-testid=resend-error]")).toMatch(/port 99999 is out of range/);
    expect(await page.textContent("[data-testid=resend-error]")).not.toMatch(/http:\/\/ or https/);
    await page.screenshot({ path: `${ARTIFACTS}resend-bad-port.png` });

    // A target that does not answer is said in words, not as "target_unreachable (502): …".
    const port = await closedPort();
    await dialog.getByLabel("Target URL").fill(`http://127.0.0.1:${port}/x`);
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector(`[data-testid=resend-error]:has-text('${port}')`);
    const said = (await page.textContent("[data-testid=resend-error]"))!;
    expect(said).toMatch(new RegExp(`^No answer from 127\\.0\\.0\\.1:${port}: .+\\.$`));
    expect(said).not.toMatch(/target_unreachable|502/);
    expect(await page.getAttribute("[data-testid=resend-error]", "data-code")).toBe("target_unreachable");
    await page.screenshot({ path: `${ARTIFACTS}resend-unreachable-1280.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("resend-error").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}resend-unreachable-390.png` });
  });

  it("sets auto-forward from the inspector and shows each forward on its capture, live", async () => {
    const bin = await createBin(e2e.server);
    const { page } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click("[data-testid=forward-toggle]");
    await page.fill("#forward-url", `${echo.url}/fwd`);
    await page.click("[data-testid=forward-save]");
    await page.waitForSelector("[data-testid=forward-toggle]:has-text('Forwarding')");

    const before = echo.received.length;
    await rawRequest(`${bin.captureUrl}/gh?x=1`, { method: "POST", headers: [["Content-Type", "application/json"]], body: '{"forward":true}' });
    await until(() => echo.received.length > before);
    expect(echo.received.at(-1)!.url).toBe("/fwd/gh?x=1");
    await page.click("[data-testid=capture-row]");
    await page.waitForSelector("[data-testid=attempt]", { timeout: 5000 });
    expect(await page.textContent("[data-testid=attempt]")).toMatch(/forward/i);
    expect(await page.textContent("[data-testid=attempt]")).toContain("202");
    await page.screenshot({ path: `${ARTIFACTS}forward-attempts.png` });
  });
});

/** Whether an element lies wholly within the viewport. */
const inViewport = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });

describe.each([["1280", LAPTOP], ["390", PHONE]] as const)("after Send at %s px", (width, viewport) => {
  it("brings the answer into view and focus; the next capture's target keeps only the origin and base path", async () => {
    const bin = await createBin(e2e.server);
    // Enough headers and body that the editor's form is taller than the screen.
    const headers: [string, string][] = [["Content-Type", "application/json"], ...Array.from({ length: 24 }, (_, i) => [`X-Trace-${i}`, `value-${i}`] as [string, string])];
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, i])), null, 2);
    const orders = JSON.parse((await rawRequest(`${bin.captureUrl}/orders?src=shop`, { method: "POST", headers, body })).body.toString()).id;
    const push = JSON.parse((await rawRequest(`${bin.captureUrl}/github/push`, { method: "POST", body: "{}" })).body.toString()).id;
    const { page, errors } = await openPage(e2e.browser, e2e.server.url, viewport);
    await openInspector(page, asOwner(bin));
    const open = async (id: string) => {
      const back = page.getByTestId("back-to-list");
      if (await back.isVisible()) await back.click();
      await page.click(`[data-testid=capture-row][data-id="${id}"]`);
      await page.waitForSelector(`[data-testid=capture-detail][data-id="${id}"]`);
      await page.click("[data-testid=edit-resend]");
    };

    await open(orders);
    const dialog = page.getByRole("dialog", { name: "Edit and resend" });
    await dialog.getByLabel("Target URL").fill(`${echo.url}/hooks/orders?src=shop`);
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector("[data-testid=resend-body]", { timeout: 15_000 });
    expect(JSON.parse((await page.textContent("[data-testid=resend-body]"))!).path).toBe("/hooks/orders?src=shop");
    await expect.poll(() => inViewport(page, "[data-testid=resend-status]")).toBe(true);
    await expect.poll(() => inViewport(page, "[data-testid=resend-body]")).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("resend-outcome");
    await page.screenshot({ path: `${ARTIFACTS}resend-answer-${width}.png` });
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);

    // Another capture is offered the target's origin and base path, not /orders?src=shop.
    await open(push);
    await expect.poll(() => dialog.getByLabel("Target URL").inputValue()).toBe(`${echo.url}/hooks`);
    expect(await page.textContent("[data-testid=resend-target-hint]")).toMatch(/last target used for this bin/);
    expect(errors).toEqual([]);
  });
});
