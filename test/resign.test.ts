import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sign as githubSign, verify as githubVerify } from "@octokit/webhooks-methods";
import Stripe from "stripe";
import { Webhook } from "svix";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "./helpers/server.ts";
import { startWithEcho, type Echo, type Received } from "./helpers/target.ts";

// An edited payload resent with `sign` must pass the receiver's own check — the provider's SDK
// where it verifies, else its documented algorithm — and fail it without `sign`.

let server: TestServer;
let echo: Echo;
let stop: () => Promise<void>;
beforeAll(async () => ({ server, echo, stop } = await startWithEcho()));
afterAll(() => stop?.());

const stripe = new Stripe("sk_test_hookjar");
const key = (label: string) => `${label}-${randomBytes(9).toString("hex")}`;
const header = (r: Received, name: string) => r.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
const one = (r: Received, name: string) => {
  const values = header(r, name);
  expect(values, `${name} sent exactly once`).toHaveLength(1);
  return values[0];
};
const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const hmac = (algorithm: string, secret: string, data: string | Buffer, encoding: "hex" | "base64") =>
  createHmac(algorithm, secret).update(data).digest(encoding);

type Case = {
  scheme: string;
  secret: string;
  contentType: string;
  original: string;
  edited: string;
  path?: string;
  hmac?: Record<string, string>;
  /** Headers as captured: signed over `original`. */
  stale: () => Promise<[string, string][]> | [string, string][];
  /** The receiver's check. */
  passes: (r: Received) => Promise<boolean> | boolean;
};

const gh = key("gh");
const st = `whsec_${randomBytes(24).toString("base64")}`;
const sl = key("slack");
const sw = `whsec_${randomBytes(24).toString("base64")}`;
const sh = key("shpss");
const tw = key("twtoken");
const gen = key("generic");
const t0 = Math.floor(Date.now() / 1000) - 3600;

const cases: Case[] = [
  {
    scheme: "github", secret: gh, contentType: "application/json", original: '{"ref":"main"}', edited: '{"ref":"release"}',
    stale: async () => [["X-GitHub-Event", "push"], ["X-Hub-Signature-256", await githubSign(gh, '{"ref":"main"}')]],
    passes: (r) => githubVerify(gh, r.body.toString(), one(r, "X-Hub-Signature-256")),
  },
  {
    scheme: "stripe", secret: st, contentType: "application/json", original: '{"id":"evt_1","amount":100}', edited: '{"id":"evt_1","amount":999}',
    stale: () => [["Stripe-Signature", stripe.webhooks.generateTestHeaderString({ payload: '{"id":"evt_1","amount":100}', secret: st, timestamp: t0 })]],
    passes: (r) => {
      try {
        stripe.webhooks.constructEvent(r.body.toString(), one(r, "Stripe-Signature"), st);
        return true;
      } catch {
        return false;
      }
    },
  },
  {
    scheme: "slack", secret: sl, contentType: "application/json", original: '{"event_id":"Ev1","text":"hi"}', edited: '{"event_id":"Ev1","text":"bye"}',
    stale: () => [["X-Slack-Request-Timestamp", String(t0)], ["X-Slack-Signature", `v0=${hmac("sha256", sl, `v0:${t0}:{"event_id":"Ev1","text":"hi"}`, "hex")}`]],
    passes: (r) => {
      const t = one(r, "X-Slack-Request-Timestamp");
      // Slack's documented check, freshness included.
      return Math.abs(Date.now() / 1000 - Number(t)) < 300 && equal(one(r, "X-Slack-Signature"), `v0=${hmac("sha256", sl, Buffer.concat([Buffer.from(`v0:${t}:`), r.body]), "hex")}`);
    },
  },
  {
    scheme: "standard", secret: sw, contentType: "application/json", original: '{"type":"a"}', edited: '{"type":"b"}',
    stale: () => [["webhook-id", "msg_1"], ["webhook-timestamp", String(t0)], ["webhook-signature", new Webhook(sw).sign("msg_1", new Date(t0 * 1000), '{"type":"a"}')]],
    passes: (r) => {
      try {
        new Webhook(sw).verify(r.body.toString(), Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((n) => [n, one(r, n)])));
        return true;
      } catch {
        return false;
      }
    },
  },
  {
    scheme: "shopify", secret: sh, contentType: "application/json", original: '{"id":1}', edited: '{"id":2}',
    stale: () => [["X-Shopify-Hmac-Sha256", hmac("sha256", sh, '{"id":1}', "base64")]],
    passes: (r) => equal(one(r, "X-Shopify-Hmac-Sha256"), hmac("sha256", sh, r.body, "base64")),
  },
  {
    scheme: "twilio", secret: tw, contentType: "application/x-www-form-urlencoded", original: "Body=Hi&From=%2B1", edited: "Body=Changed&From=%2B1", path: "/sms?x=1",
    stale: () => [["X-Twilio-Signature", twilio.getExpectedTwilioSignature(tw, `${echo.url}/sms?x=1`, { Body: "Hi", From: "+1" })]],
    passes: (r) => twilio.validateRequest(tw, one(r, "X-Twilio-Signature"), echo.url + r.url, Object.fromEntries(new URLSearchParams(r.body.toString()))),
  },
  {
    scheme: "hmac", secret: gen, contentType: "application/json", original: '{"n":1}', edited: '{"n":2}',
    hmac: { algorithm: "sha256", header: "X-Signature", encoding: "hex", prefix: "sha256=" },
    stale: () => [["X-Signature", `sha256=${hmac("sha256", gen, '{"n":1}', "hex")}`]],
    passes: (r) => equal(one(r, "X-Signature"), `sha256=${hmac("sha256", gen, r.body, "hex")}`),
  },
];

async function resend(c: Case, sign: boolean) {
  const before = echo.received.length;
  const res = await fetch(`${server.url}/api/resend`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      method: "POST",
      url: `${echo.url}${c.path ?? "/hook"}`,
      headers: [["Content-Type", c.contentType], ...(await c.stale())],
      body: { encoding: "utf8", data: c.edited },
      ...(sign && { sign: { scheme: c.scheme, secret: c.secret, ...(c.hmac && { hmac: c.hmac }) } }),
    }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(text, "the answer never echoes the secret").not.toContain(c.secret);
  expect(echo.received.length).toBe(before + 1);
  return { answer: JSON.parse(text), received: echo.received.at(-1)! };
}

describe("POST /api/resend with sign", () => {
  for (const c of cases) {
    it(`${c.scheme}: an edited body passes the receiver's check only when re-signed`, async () => {
      const unsigned = await resend(c, false);
      expect(unsigned.received.body.toString()).toBe(c.edited);
      expect(await c.passes(unsigned.received)).toBe(false);
      expect(unsigned.answer.signed).toBeUndefined();

      const signed = await resend(c, true);
      expect(signed.received.body.toString()).toBe(c.edited);
      expect(await c.passes(signed.received)).toBe(true);
      expect(signed.answer.signed.length).toBeGreaterThan(0);
      for (const [name, value] of signed.answer.signed) expect(header(signed.received, name)).toEqual([value]);
    });
  }

  it("refuses a sign without a secret, an unknown scheme, or hmac without its options", async () => {
    for (const sign of [{ scheme: "github" }, { scheme: "nope", secret: "s" }, { scheme: "hmac", secret: "s" }]) {
      const res = await fetch(`${server.url}/api/resend`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ method: "POST", url: `${echo.url}/x`, headers: [], sign }),
      });
      expect(res.status, JSON.stringify(sign)).toBe(400);
      expect((await res.json()).error).toBe("invalid_request");
    }
  });
});
