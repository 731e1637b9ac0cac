import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

// The commonest reason a signature fails with the right secret: the body was re-formatted on its
// way. A Stripe event signed by Stripe's SDK over compact JSON arrives pretty-printed; the
// signature panel says so instead of blaming the secret, and "Compare with…" shows that the bytes
// differ although the JSON is the same.

const e2e = serverAndBrowser();
const stripe = new Stripe("sk_test_hookjar");

async function post(url: string, headers: [string, string][], body: string): Promise<string> {
  const res = await rawRequest(url, { method: "POST", headers: [["Content-Type", "application/json"], ...headers], body });
  return JSON.parse(res.body.toString()).id;
}

async function shoot(page: Page, name: string) {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${ARTIFACTS}${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("a body re-formatted after it was signed", () => {
  it("is explained as such in the signature panel, and Compare shows the bytes differ", async () => {
    const bin = await createBin(e2e.server);
    const key = `whsec_${randomBytes(16).toString("hex")}`;
    const event = { id: "evt_e2e", object: "event", type: "payment_intent.succeeded", data: { object: { id: "pi_1", amount: 2000 } } };
    const compact = JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload: compact, secret: key });
    const original = await post(`${bin.captureUrl}/stripe`, [["Stripe-Signature", header]], compact);
    const pretty = await post(`${bin.captureUrl}/stripe`, [["Stripe-Signature", header]], JSON.stringify(event, null, 2));

    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, bin.inspectUrl);
    await page.click(`[data-testid=capture-row][data-id="${pretty}"]`);
    await page.getByTestId("secret-input").fill(key);
    await page.getByTestId("secret-save").click();
    const verdict = page.getByTestId("signature-verdict");
    await expect.poll(() => verdict.textContent()).toContain("re-formatted");
    expect(await verdict.textContent()).not.toContain("not signed with this secret");
    expect(await page.textContent("[data-testid=signature-hint]")).toContain("compact");
    await page.getByTestId("signature").scrollIntoViewIfNeeded();
    await shoot(page, "signature-reformatted");

    await page.click("[data-testid=compare]");
    await page.click(`[data-testid=diff-picker] [data-id="${original}"]`);
    await page.waitForSelector("[data-testid=diff-bytes]");
    const said = (await page.textContent("[data-testid=diff-bytes]"))!;
    expect(said).toContain("Same JSON, different bytes");
    expect(said).toContain(`${Buffer.byteLength(compact)} and ${Buffer.byteLength(JSON.stringify(event, null, 2))} bytes`);
    expect(await page.textContent("[data-testid=diff-bytes-causes]")).toBe("whitespace");
    await page.click("[data-testid=diff-bytes-toggle]");
    const lines = (await page.textContent("[data-testid=diff-bytes-lines]"))!;
    expect(lines).toContain(compact);
    expect(lines).toContain('  "id": "evt_e2e",');
    await shoot(page, "diff-bytes");
    expect(errors).toEqual([]);
  });
});
