import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { verify as githubVerify } from "@octokit/webhooks-methods";
import Stripe from "stripe";
import { Webhook } from "svix";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBin, type TestServer } from "./helpers/server.ts";
import { getJson } from "./helpers/http.ts";
import { startWithEcho, until, type Echo, type Received } from "./helpers/target.ts";

// Provider samples, sent through resend with `sign` and a receiver's secret, must pass that
// receiver's own check: the provider's SDK where there is one, else its documented algorithm.

let server: TestServer;
let echo: Echo;
let stop: () => Promise<void>;
beforeAll(async () => ({ server, echo, stop } = await startWithEcho()));
afterAll(() => stop?.());

type Sample = { id: string; provider: string; event: string; method: string; path: string; headers: [string, string][]; body: { encoding: "utf8" | "base64"; data: string }; scheme: string | null };

const samples = async () => (await getJson<{ items: Sample[] }>(`${server.url}/api/samples`)).body.items;
const stripe = new Stripe("sk_test_hookjar");
const one = (r: Received, name: string) => {
  const values = r.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  expect(values, `${name} sent exactly once`).toHaveLength(1);
  return values[0];
};
const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const hmac = (secret: string, data: Buffer, encoding: "hex" | "base64") => createHmac("sha256", secret).update(data).digest(encoding);
const throwsNot = (check: () => unknown) => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};

const secrets: Record<string, string> = {
  github: `gh-${randomBytes(8).toString("hex")}`,
  stripe: `whsec_${randomBytes(24).toString("base64")}`,
  slack: `slack-${randomBytes(8).toString("hex")}`,
  standard: `whsec_${randomBytes(24).toString("base64")}`,
  shopify: `shpss_${randomBytes(8).toString("hex")}`,
  twilio: `tw-${randomBytes(8).toString("hex")}`,
};

/** Each scheme's receiver: true when the request it got verifies. */
const receivers: Record<string, (r: Received, url: string) => Promise<boolean> | boolean> = {
  github: (r) => githubVerify(secrets.github, r.body.toString(), one(r, "X-Hub-Signature-256")),
  stripe: (r) => throwsNot(() => stripe.webhooks.constructEvent(r.body.toString(), one(r, "Stripe-Signature"), secrets.stripe)),
  standard: (r) => throwsNot(() =>
    new Webhook(secrets.standard).verify(r.body.toString(), Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((n) => [n, one(r, n)]))),
  ),
  twilio: (r, url) => twilio.validateRequest(secrets.twilio, one(r, "X-Twilio-Signature"), url, Object.fromEntries(new URLSearchParams(r.body.toString()))),
  // Slack's documented check: v0=HMAC-SHA256("v0:" + timestamp + ":" + body), timestamp fresh.
  slack: (r) => {
    const t = one(r, "X-Slack-Request-Timestamp");
    return Math.abs(Date.now() / 1000 - Number(t)) < 300 && equal(one(r, "X-Slack-Signature"), `v0=${hmac(secrets.slack, Buffer.concat([Buffer.from(`v0:${t}:`), r.body]), "hex")}`);
  },
  // Shopify's documented check: base64 HMAC-SHA256 of the raw body.
  shopify: (r) => equal(one(r, "X-Shopify-Hmac-Sha256"), hmac(secrets.shopify, r.body, "base64")),
};

async function send(sample: Sample, url: string, sign = true) {
  const res = await fetch(`${server.url}/api/resend`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      method: sample.method, url, headers: sample.headers, body: sample.body,
      ...(sign && sample.scheme ? { sign: { scheme: sample.scheme, secret: secrets[sample.scheme] } } : {}),
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe("GET /api/samples", () => {
  it("serves each provider's events with the headers and body shapes it documents", async () => {
    const items = await samples();
    expect(items.map((s) => s.id)).toEqual(expect.arrayContaining([
      "github.push", "github.pull_request.opened", "stripe.payment_intent.succeeded", "stripe.checkout.session.completed",
      "shopify.orders.create", "slack.url_verification", "slack.event_callback.app_mention", "standard.invoice.paid", "twilio.sms.incoming",
    ]));
    const byId = Object.fromEntries(items.map((s) => [s.id, s]));
    const json = (id: string) => JSON.parse(byId[id].body.data);
    const head = (id: string, name: string) => byId[id].headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    expect(head("github.push", "X-GitHub-Event")).toBe("push");
    expect(head("github.push", "X-GitHub-Delivery")).toMatch(/^[0-9a-f-]{36}$/);
    expect(json("github.pull_request.opened")).toMatchObject({ action: "opened", pull_request: { state: "open" } });
    expect(json("stripe.payment_intent.succeeded")).toMatchObject({ object: "event", type: "payment_intent.succeeded", data: { object: { object: "payment_intent" } } });
    expect(json("stripe.checkout.session.completed").data.object.object).toBe("checkout.session");
    expect(head("shopify.orders.create", "X-Shopify-Topic")).toBe("orders/create");
    expect(json("slack.url_verification")).toMatchObject({ type: "url_verification", challenge: expect.any(String) });
    expect(json("slack.event_callback.app_mention")).toMatchObject({ type: "event_callback", event_id: expect.stringMatching(/^Ev/) });
    expect(head("standard.invoice.paid", "webhook-id")).toMatch(/^msg_/);
    expect(head("twilio.sms.incoming", "Content-Type")).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(byId["twilio.sms.incoming"].body.data).get("MessageSid")).toMatch(/^SM[0-9a-f]{32}$/);
    for (const s of items) expect(s.scheme).toBe(s.provider === "Standard Webhooks" ? "standard" : s.provider.toLowerCase());
  });

  it("makes fresh delivery ids and timestamps on every call", async () => {
    const [a, b] = await Promise.all([samples(), samples()]);
    const id = (items: Sample[], sample: string, name: string) => items.find((s) => s.id === sample)!.headers.find(([n]) => n === name)?.[1];
    expect(id(a, "github.push", "X-GitHub-Delivery")).not.toBe(id(b, "github.push", "X-GitHub-Delivery"));
    expect(id(a, "standard.invoice.paid", "webhook-id")).not.toBe(id(b, "standard.invoice.paid", "webhook-id"));
    const evt = (items: Sample[]) => JSON.parse(items.find((s) => s.id === "stripe.payment_intent.succeeded")!.body.data);
    expect(evt(a).id).not.toBe(evt(b).id);
    expect(Math.abs(evt(a).created - Date.now() / 1000)).toBeLessThan(300);
  });

  it("every signable sample, sent with sign and the receiver's secret, verifies with the provider's own check", async () => {
    const items = (await samples()).filter((s) => s.scheme);
    expect(items.length).toBeGreaterThanOrEqual(9);
    for (const sample of items) {
      const url = `${echo.url}/samples/${sample.id}${sample.path}`;
      const before = echo.received.length;
      await send(sample, url);
      const got = echo.received[before];
      expect(got.body.toString(), sample.id).toBe(sample.body.data);
      expect(await receivers[sample.scheme!](got, url), `${sample.id} verifies`).toBe(true);
    }
  });

  it("without sign the same requests fail those checks", async () => {
    for (const sample of (await samples()).filter((s) => s.scheme)) {
      const url = `${echo.url}/unsigned${sample.path}`;
      const before = echo.received.length;
      await send(sample, url, false);
      const got = echo.received[before];
      const passes = await Promise.resolve().then(() => receivers[sample.scheme!](got, url)).catch(() => false);
      expect(passes, sample.id).toBe(false);
    }
  });

  it("sent into a bin, each arrives with its delivery id and verifies there", async () => {
    const bin = await createBin(server);
    for (const sample of (await samples()).filter((s) => s.scheme)) {
      await send(sample, `${bin.captureUrl}${sample.path}`);
      const page = await until(async () => (await getJson(`${server.url}/api/bins/${bin.id}/requests?limit=1`)).body.items[0], 5000);
      const verify = await fetch(`${server.url}/api/bins/${bin.id}/requests/${page.id}/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ secret: secrets[sample.scheme!] }),
      }).then((r) => r.json());
      expect(verify, sample.id).toMatchObject({ scheme: sample.scheme, detected: true, valid: true });
      if (sample.scheme === "github") expect(page.deliveryId).toBe(sample.headers.find(([n]) => n === "X-GitHub-Delivery")![1]);
    }
  });
});
