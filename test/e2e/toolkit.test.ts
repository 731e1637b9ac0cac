import { randomBytes } from "node:crypto";
import { sign as githubSign } from "@octokit/webhooks-methods";
import type { Page } from "playwright-core";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, asOwner, openInspector, openPage, rowIds, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";
import { startEcho, until, type Echo } from "../helpers/target.ts";

// The webhook debugging toolkit in the inspector: signatures checked with a pasted secret,
// re-signing from the resend editor, duplicate deliveries, and the diff of two captures.

const e2e = serverAndBrowser();
let echo: Echo;
beforeAll(async () => void (echo = await startEcho()));
afterAll(() => echo?.close());

const stripe = new Stripe("sk_test_hookjar");
const secrets: string[] = [];
const secret = () => {
  const s = `e2e-secret-${randomBytes(8).toString("hex")}`;
  secrets.push(s);
  return s;
};

async function post(url: string, headers: [string, string][], body: string): Promise<string> {
  const res = await rawRequest(url, { method: "POST", headers: [["Content-Type", "application/json"], ...headers], body });
  return JSON.parse(res.body.toString()).id;
}

const badges = (page: Page) =>
  page.$$eval("[data-testid=capture-row]", (rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute("data-id"), r.querySelector("[data-testid=signature-badge]")?.getAttribute("data-valid") ?? null])),
  );

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${ARTIFACTS}${name}-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${ARTIFACTS}${name}-390.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("signatures in the inspector", () => {
  it("checks every capture with a secret pasted once: ✓ on valid ones, ✗ with the reason on a tampered one", async () => {
    const bin = await createBin(e2e.server);
    const key = secret();
    const body = (n: number) => JSON.stringify({ action: "opened", number: n });
    const valid1 = await post(`${bin.captureUrl}/github`, [["X-GitHub-Event", "issues"], ["X-Hub-Signature-256", await githubSign(key, body(1))]], body(1));
    const valid2 = await post(`${bin.captureUrl}/github`, [["X-GitHub-Event", "issues"], ["X-Hub-Signature-256", await githubSign(key, body(2))]], body(2));
    const tampered = await post(`${bin.captureUrl}/github`, [["X-GitHub-Event", "issues"], ["X-Hub-Signature-256", await githubSign(key, body(3))]], body(4));
    const unsigned = await post(bin.captureUrl, [], "{}");

    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click(`[data-testid=capture-row][data-id="${tampered}"]`);
    const section = page.getByTestId("signature");
    await expect.poll(() => section.textContent()).toContain("GitHub");
    await page.getByTestId("secret-input").fill(key);
    await page.getByTestId("secret-save").click();

    const verdict = page.getByTestId("signature-verdict");
    await expect.poll(() => verdict.getAttribute("data-valid")).toBe("false");
    expect(await verdict.textContent()).toContain("Signature mismatch");
    expect(await verdict.textContent()).toContain("Expected");
    await expect.poll(() => badges(page)).toEqual({ [valid1]: "true", [valid2]: "true", [tampered]: "false", [unsigned]: null });
    expect(await page.getAttribute(`[data-id="${tampered}"] [data-testid=signature-badge]`, "title")).toContain("Signature mismatch");
    await shoot(page, "signature-invalid");

    await page.click(`[data-testid=capture-row][data-id="${valid1}"]`);
    await expect.poll(() => page.getByTestId("signature-verdict").getAttribute("data-valid")).toBe("true");
    expect(await page.getByTestId("signature-verdict").textContent()).toContain("Valid signature");
    // A capture without a signature header has no Signature section.
    await page.click(`[data-testid=capture-row][data-id="${unsigned}"]`);
    await page.waitForSelector(`[data-testid=capture-detail][data-id="${unsigned}"]`);
    expect(await page.getByTestId("signature").count()).toBe(0);

    // Kept in this browser: a reload checks again without asking.
    await openInspector(page, asOwner(bin));
    await expect.poll(() => badges(page)).toEqual({ [valid1]: "true", [valid2]: "true", [tampered]: "false", [unsigned]: null });
    await page.click(`[data-testid=capture-row][data-id="${valid2}"]`);
    await page.getByTestId("forget-secret").click();
    await expect.poll(() => badges(page)).toEqual({ [valid1]: null, [valid2]: null, [tampered]: null, [unsigned]: null });
    expect(await page.evaluate(() => Object.values(localStorage).join("\n"))).not.toContain(key);
    expect(errors).toEqual([]);
  });

  it("re-signs an edited payload from the resend editor so the receiver's SDK accepts it", async () => {
    const bin = await createBin(e2e.server);
    const key = secret();
    const original = JSON.stringify({ id: "evt_e2e", object: "event", amount: 100 });
    await post(bin.captureUrl, [["Stripe-Signature", stripe.webhooks.generateTestHeaderString({ payload: original, secret: key })]], original);
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click("[data-testid=capture-row]");
    await page.click("[data-testid=edit-resend]");
    const dialog = page.getByRole("dialog", { name: "Edit and resend" });
    await dialog.getByLabel("Target URL").fill(`${echo.url}/stripe`);
    const edited = JSON.stringify({ id: "evt_e2e", object: "event", amount: 999 });
    await dialog.getByLabel("Request body").fill(edited);

    // Sent as edited, the old signature no longer fits.
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await until(() => echo.received.find((r) => r.url === "/stripe"), 10_000, "the unsigned resend");
    const stale = echo.received.at(-1)!;
    const header = (r: typeof stale) => r.headers.find(([n]) => n.toLowerCase() === "stripe-signature")![1];
    expect(() => stripe.webhooks.constructEvent(stale.body.toString(), header(stale), key)).toThrow();

    const before = echo.received.length;
    await page.getByTestId("resign-toggle").check();
    expect(await page.getByLabel("Signature scheme").inputValue()).toBe("stripe");
    await page.getByTestId("resign-secret").fill(key);
    await dialog.getByRole("button", { name: "Send", exact: true }).click();
    await until(() => echo.received.length > before, 10_000, "the re-signed resend");
    const sent = echo.received.at(-1)!;
    expect(sent.body.toString()).toBe(edited);
    expect(stripe.webhooks.constructEvent(sent.body.toString(), header(sent), key)).toMatchObject({ id: "evt_e2e", amount: 999 });
    await page.waitForSelector("[data-testid=resign-signed]");
    expect(await page.textContent("[data-testid=resign-signed]")).toContain("Stripe-Signature");
    await shoot(page, "resign-editor");
    expect(errors).toEqual([]);
  });
});

describe("duplicates and the diff", () => {
  it("marks a repeated delivery, counts it, and lists duplicates only on demand", async () => {
    const bin = await createBin(e2e.server);
    const first = await post(bin.captureUrl, [["X-GitHub-Delivery", "d-1"]], '{"n":1}');
    const again = await post(bin.captureUrl, [["X-GitHub-Delivery", "d-1"]], '{"n":1}');
    const other = await post(bin.captureUrl, [["X-GitHub-Delivery", "d-2"]], '{"n":2}');
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.waitForSelector(`[data-id="${again}"] [data-testid=duplicate-marker]`);
    expect(await page.textContent(`[data-id="${again}"] [data-testid=duplicate-marker]`)).toContain(first.slice(-6));
    expect(await page.$$(`[data-id="${first}"] [data-testid=duplicate-marker], [data-id="${other}"] [data-testid=duplicate-marker]`)).toHaveLength(0);
    expect(await page.textContent("[data-testid=duplicates-toggle]")).toBe("1 duplicate");
    await page.click("[data-testid=duplicates-toggle]");
    await expect.poll(() => rowIds(page)).toEqual([again]);
    // The list answers how many match, so the count does not stay at "Filtering…".
    await expect.poll(() => page.textContent("[data-testid=capture-count]")).toBe("1 of 3 captures");
    await page.click("[data-testid=duplicates-toggle]");
    await expect.poll(() => rowIds(page)).toEqual([other, again, first]);
    expect(errors).toEqual([]);
  });

  it("compares two JSON deliveries side by side, highlighting the changed field whatever the key order", async () => {
    const bin = await createBin(e2e.server);
    const older = await post(`${bin.captureUrl}/orders`, [["X-Attempt", "1"], ["X-Old", "gone"]], JSON.stringify({ id: 7, status: "pending", items: [{ sku: "A" }] }));
    const newer = await post(`${bin.captureUrl}/orders`, [["X-Attempt", "2"], ["X-New", "<b>new</b>"]], JSON.stringify({ items: [{ sku: "A" }], status: "paid", id: 7 }));
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.click(`[data-testid=capture-row][data-id="${newer}"]`);
    await page.click(`[data-testid=capture-row][data-id="${older}"]`, { modifiers: ["Shift"] });

    const dialog = page.getByTestId("diff-dialog");
    await page.waitForSelector("[data-testid=diff-json]");
    const paths = await page.$$eval("[data-testid=diff-json-path]", (cells) => cells.map((c) => [c.textContent, c.getAttribute("data-change")]));
    expect(paths).toEqual([["status", "changed"]]);
    const json = (await page.textContent("[data-testid=diff-json]"))!;
    expect(json).toContain('"pending"');
    expect(json).toContain('→ "paid"');
    const headers = await page.$$eval("[data-testid=diff-header]", (cells) => Object.fromEntries(cells.map((c) => [c.textContent, c.getAttribute("data-change")])));
    expect(headers).toMatchObject({ "X-Attempt": "changed", "X-Old": "removed", "X-New": "added", "Content-Type": "same" });
    // Payload text is shown as text.
    expect(await dialog.locator("b").count()).toBe(0);
    // The selection stays; focus is inside the dialog, and Escape closes it.
    expect(await page.getAttribute("[data-testid=capture-detail]", "data-id")).toBe(newer);
    expect(await page.evaluate(() => !!document.activeElement?.closest("[data-testid=diff-dialog]"))).toBe(true);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => !!document.activeElement?.closest("[data-testid=diff-dialog]"))).toBe(true);
    }
    await shoot(page, "diff");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);

    // The same from the detail's "Compare with…".
    await page.click("[data-testid=compare]");
    await page.click(`[data-testid=diff-picker] [data-id="${older}"]`);
    await page.waitForSelector("[data-testid=diff-json-path]");
    expect(await page.textContent("[data-testid=diff-json-path]")).toBe("status");
    await page.getByRole("button", { name: "Close comparison" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("the secret", () => {
  it("never reaches the server's logs", () => {
    expect(secrets).toHaveLength(2);
    for (const s of secrets) expect(e2e.server.logs()).not.toContain(s);
  });
});
