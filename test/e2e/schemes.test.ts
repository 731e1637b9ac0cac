import { randomBytes } from "node:crypto";
import { sign as githubSign } from "@octokit/webhooks-methods";
import type { Page } from "playwright-core";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, LAPTOP, PHONE, asOwner, axeProblems, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

// One bin taking GitHub, Stripe and Slack deliveries at once, each provider signing with its own
// secret: each capture is judged by the secret of its own scheme only.

const e2e = serverAndBrowser();
const stripe = new Stripe("sk_test_hookjar");
const secret = (name: string) => `${name}-${randomBytes(8).toString("hex")}`;

async function post(url: string, headers: [string, string][], body: string): Promise<string> {
  const res = await rawRequest(url, { method: "POST", headers: [["Content-Type", "application/json"], ...headers], body });
  return JSON.parse(res.body.toString()).id;
}

/** Three captures in one bin: GitHub signed with one secret, Stripe with another, Slack with a third nobody pastes. */
async function mixedBin() {
  const bin = await createBin(e2e.server);
  const keys = { github: secret("gh"), stripe: `whsec_${randomBytes(12).toString("hex")}` };
  const ghBody = JSON.stringify({ ref: "refs/heads/main", commits: [] });
  const github = await post(`${bin.captureUrl}/github`, [["X-GitHub-Event", "push"], ["X-Hub-Signature-256", await githubSign(keys.github, ghBody)]], ghBody);
  const stBody = JSON.stringify({ id: "evt_1", object: "event", type: "payment_intent.succeeded" });
  const stripeId = await post(`${bin.captureUrl}/stripe`, [["Stripe-Signature", stripe.webhooks.generateTestHeaderString({ payload: stBody, secret: keys.stripe })]], stBody);
  const slack = await post(`${bin.captureUrl}/slack`, [["X-Slack-Signature", "v0=00"], ["X-Slack-Request-Timestamp", String(Math.floor(Date.now() / 1000))]], "{}");
  return { bin, keys, ids: { github, stripe: stripeId, slack } };
}

const badges = (page: Page) =>
  page.$$eval("[data-testid=capture-row]", (rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute("data-id"), r.querySelector("[data-testid=signature-badge]")?.getAttribute("data-valid") ?? null])),
  );

/** Opens a capture from the list; on a phone the list is behind "← Captures". */
async function select(page: Page, id: string) {
  const back = page.getByTestId("back-to-list");
  if (await back.isVisible()) await back.click();
  await page.click(`[data-testid=capture-row][data-id="${id}"]`);
  await page.waitForSelector(`[data-testid=capture-detail][data-id="${id}"]`);
}

async function showList(page: Page) {
  const back = page.getByTestId("back-to-list");
  if (await back.isVisible()) await back.click();
}

describe.each([["1280", LAPTOP], ["390", PHONE]] as const)("signing secrets per scheme at %s px", (width, viewport) => {
  it("verifies two schemes in one bin, each with its own secret, with no false ✗; re-sign offers the secret that fits", async () => {
    const { bin, keys, ids } = await mixedBin();
    const { page, errors } = await openPage(e2e.browser, e2e.server.url, viewport);
    await openInspector(page, asOwner(bin));

    for (const scheme of ["github", "stripe"] as const) {
      await select(page, ids[scheme]);
      await expect.poll(() => page.getByTestId("signature").textContent()).toContain(scheme === "github" ? "GitHub" : "Stripe");
      await page.getByTestId("secret-input").fill(keys[scheme]);
      await page.getByTestId("secret-save").click();
      await expect.poll(() => page.getByTestId("signature-verdict").getAttribute("data-valid")).toBe("true");
    }
    // Verifying Stripe did not turn GitHub ✗, and Slack, whose secret nobody gave, is not judged.
    await showList(page);
    await expect.poll(() => badges(page)).toEqual({ [ids.github]: "true", [ids.stripe]: "true", [ids.slack]: null });
    await page.screenshot({ path: `${ARTIFACTS}schemes-${width}.png` });

    // Kept per scheme in this browser: a reload judges both again.
    await openInspector(page, asOwner(bin));
    await expect.poll(() => badges(page)).toEqual({ [ids.github]: "true", [ids.stripe]: "true", [ids.slack]: null });
    await select(page, ids.slack);
    expect(await page.getByTestId("signature-verdict").count()).toBe(0);
    expect(await page.getByTestId("secret-input").count()).toBe(1);

    // Re-sign offers the GitHub secret for a GitHub capture, and Stripe's when Stripe is chosen.
    await select(page, ids.github);
    await page.click("[data-testid=edit-resend]");
    const dialog = page.getByRole("dialog", { name: "Edit and resend" });
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.getByTestId("resign-toggle").check();
    expect(await page.getByLabel("Signature scheme").inputValue()).toBe("github");
    expect(await page.getByTestId("resign-secret").inputValue()).toBe(keys.github);
    await page.getByLabel("Signature scheme").selectOption("stripe");
    expect(await page.getByTestId("resign-secret").inputValue()).toBe(keys.stripe);
    await page.getByLabel("Signature scheme").selectOption("slack");
    expect(await page.getByTestId("resign-secret").inputValue()).toBe("");
    await page.screenshot({ path: `${ARTIFACTS}schemes-resign-${width}.png` });
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("the single secret kept before secrets were per scheme", () => {
  it("goes to the scheme it signs, and is never held against another scheme's capture", async () => {
    const { bin, keys, ids } = await mixedBin();
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, bin.inspectUrl);
    await page.evaluate(([binId, key]) => localStorage.setItem(`hookjar:signing-secret:${binId}`, key), [bin.id, keys.github]);
    await openInspector(page, bin.inspectUrl);

    await expect.poll(() => badges(page)).toEqual({ [ids.github]: "true", [ids.stripe]: null, [ids.slack]: null });
    const stored = await page.evaluate(() => ({ ...localStorage }));
    expect(stored[`hookjar:signing-secret:${bin.id}:github`]).toBe(keys.github);
    expect(stored[`hookjar:signing-secret:${bin.id}`]).toBeUndefined();
    expect(Object.values(stored)).not.toContain(keys.stripe);

    // The Stripe capture asks for Stripe's own secret.
    await select(page, ids.stripe);
    await expect.poll(() => page.getByTestId("secret-input").count()).toBe(1);
    expect(await page.getByTestId("signature").textContent()).toContain("Stripe signing secret");
    expect(errors).toEqual([]);
  });
});
