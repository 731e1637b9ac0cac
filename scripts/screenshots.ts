// `npm run screenshots`: the README's pictures of the current UI (docs/screenshots/*.png), taken
// from the real server (built first when the sources changed) with a bin of realistic deliveries,
// in Chromium driven by playwright-core. Run it after changing the UI and commit the images.
import { gzipSync } from "node:zlib";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { sign as githubSign } from "@octokit/webhooks-methods";
import type { Page } from "playwright-core";
import Stripe from "stripe";
import { build, buildIsCurrent } from "./build.mjs";
import { asOwner, launchBrowser } from "../test/helpers/browser.ts";
import { rawRequest } from "../test/helpers/http.ts";
import { createBin, manage, startServer } from "../test/helpers/server.ts";

const OUT = path.resolve(import.meta.dirname, "../docs/screenshots");
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// Demo secrets, as a user would paste them into the inspector.
const GITHUB_SECRET = "It's a Secret to Everybody";
const STRIPE_SECRET = "whsec_demo0123456789abcdef";

if (!buildIsCurrent()) await build();
mkdirSync(OUT, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
try {
  const bin = await createBin(server, { name: "shop webhooks" });
  const send = (sub: string, headers: [string, string][], body: string | Buffer) => rawRequest(`${bin.captureUrl}${sub}`, { method: "POST", headers, body });

  // A rule, so one row shows what its sender was answered.
  await fetch(`${server.url}/api/bins/${bin.id}/rules`, {
    method: "PUT",
    headers: { "content-type": "application/json", ...manage(bin) },
    body: JSON.stringify({ rules: [{ name: "Shopify retries", match: { path: "/shopify/**" }, respond: { status: 503 } }] }),
  });
  const order = JSON.stringify({ id: 820982911946154500, email: "jon@example.com", total_price: "199.00", line_items: [{ title: "IPod Nano - 8GB", quantity: 1 }] });
  await send("/shopify/orders/create", [["Content-Type", "application/json"], ["X-Shopify-Topic", "orders/create"], ["X-Shopify-Hmac-Sha256", "bm90IGEgcmVhbCBzaWduYXR1cmU="]], order);
  await send("/logs", [["Content-Type", "application/json"], ["Content-Encoding", "gzip"]], gzipSync(JSON.stringify({ level: "info", lines: 1200 })));
  const slack = new URLSearchParams({ payload: JSON.stringify({ type: "block_actions", user: { id: "U123", name: "ada" }, actions: [{ action_id: "approve", value: "42" }] }) }).toString();
  await send("/slack/interactive", [["Content-Type", "application/x-www-form-urlencoded"], ["X-Slack-Request-Timestamp", String(Math.floor(Date.now() / 1000))], ["X-Slack-Signature", "v0=0000"]], slack);
  const intent = JSON.stringify({ id: "evt_3PqDemo", object: "event", type: "payment_intent.succeeded", data: { object: { id: "pi_3PqDemo", amount: 4200, currency: "eur", status: "succeeded" } } }, null, 2);
  const stripe = new Stripe("sk_test_screenshots");
  await send("/stripe", [["Content-Type", "application/json; charset=utf-8"], ["Stripe-Signature", stripe.webhooks.generateTestHeaderString({ payload: intent, secret: STRIPE_SECRET })]], intent);
  const push = JSON.stringify({ ref: "refs/heads/main", before: "6113728f27ae82c7b1a177c8d03f9e96e0adf246", after: "59b20b8d5c6ff8d09518454d4dd8b7a30f095ab5", repository: { full_name: "octo-org/hello-world" }, pusher: { name: "octocat" }, commits: [{ id: "59b20b8", message: "Fix the build" }] }, null, 2);
  const pushed = await send("/github", [["Content-Type", "application/json"], ["X-GitHub-Event", "push"], ["X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"], ["X-Hub-Signature-256", await githubSign(GITHUB_SECRET, push)]], push);
  const pushId = JSON.parse(pushed.body.toString()).id as string;

  const open = async (viewport: typeof LAPTOP, url: string) => {
    const context = await browser.newContext({ viewport, colorScheme: "light" });
    const page = await context.newPage();
    // The signing secrets this browser keeps, one per scheme, as the inspector stores them when pasted.
    await page.addInitScript(
      ([binId, github, stripe]) => {
        localStorage.setItem(`hookjar:signing-secret:${binId}:github`, github);
        localStorage.setItem(`hookjar:signing-secret:${binId}:stripe`, stripe);
      },
      [bin.id, GITHUB_SECRET, STRIPE_SECRET],
    );
    await page.goto(url);
    return page;
  };
  const live = (page: Page) => page.waitForSelector("[data-testid=connection][data-state=live]");
  const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`) });

  // As the bin's owner (its manage key in the fragment), so every action shows as usable.
  const laptop = await open(LAPTOP, asOwner({ ...bin, inspectUrl: `${bin.inspectUrl}/${pushId}` }));
  await live(laptop);
  await laptop.waitForSelector("[data-testid=signature-verdict][data-valid=true]");
  await laptop.waitForFunction(() => document.querySelectorAll("[data-testid=signature-badge]").length === 2);
  await shoot(laptop, "inspector-1280");

  await laptop.getByTestId("settings-toggle").click();
  await laptop.waitForSelector("dialog[open]");
  await shoot(laptop, "settings-1280");

  const phone = await open(PHONE, asOwner(bin));
  await live(phone);
  await phone.waitForFunction(() => document.querySelectorAll("[data-testid=signature-badge]").length === 2);
  await shoot(phone, "inspector-390");
  await phone.click("[data-testid=capture-row] >> nth=1");
  await phone.waitForSelector("[data-testid=signature-verdict][data-valid=true]");
  await shoot(phone, "capture-390");

  const docs = await open(LAPTOP, `${server.url}/docs`);
  await docs.getByText("Create a bin").first().waitFor({ timeout: 30_000 });
  await shoot(docs, "api-docs-1280");
  console.log(`Screenshots written to ${path.relative(process.cwd(), OUT)}/`);
} finally {
  await browser.close();
  await server.stop();
}
