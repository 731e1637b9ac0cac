import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { sign as githubSign } from "@octokit/webhooks-methods";
import Stripe from "stripe";
import { Webhook } from "svix";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMES } from "../lib/schemas/signature.ts";
import { rawRequest } from "./helpers/http.ts";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";

// A signature that differs from the right one in a single character must fail, wherever that
// character is. A comparison that stops early, skips a byte or compares a prefix lets the first or
// last position slip through; a wrong secret (every byte different) would never show it.

let server: TestServer;
let binId: string;
beforeAll(async () => {
  server = await startServer();
  binId = (await createBin(server)).id;
});
afterAll(() => server?.stop());

const now = () => Math.floor(Date.now() / 1000);
const hmac = (algorithm: string, key: string | Buffer, data: string) => createHmac(algorithm, key).update(data);

/**
 * A signed request, and where its signature value lies: `header` carries it, and the characters
 * [start, end) of that header's value are the encoded digest (no scheme prefix, no base64 padding).
 */
type Signed = { headers: [string, string][]; header: string; start: number; end: number; encoding: "hex" | "base64"; subpath?: string; query?: string };
type Case = { name: string; scheme: string; contentType: string; body: string; secret: string; hmac?: Record<string, string>; sign: () => Signed | Promise<Signed> };

/** Where the digest lies in `value`: after `prefix`, up to the base64 padding. */
function span(value: string, prefix: string, encoding: "hex" | "base64") {
  const start = value.indexOf(prefix) + prefix.length;
  let end = encoding === "hex" ? start + /^[0-9a-f]*/i.exec(value.slice(start))![0].length : start + /^[A-Za-z0-9+/]*/.exec(value.slice(start))![0].length;
  if (start < prefix.length || end === start) throw new Error(`no ${encoding} digest after "${prefix}" in ${value}`);
  return { start, end, encoding };
}

const ALPHABET = { hex: "0123456789abcdef", base64: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/" };

/**
 * The character at `at` swapped for another of its alphabet whose top bit differs. In base64 the last
 * character before the padding carries a few data bits and some zero fill: flipping the top bit
 * always changes data, so the decoded digest really differs (in its first or last byte).
 */
function flip(signed: Signed, at: "first" | "last"): Signed {
  const i = at === "first" ? signed.start : signed.end - 1;
  const alphabet = ALPHABET[signed.encoding];
  const value = signed.headers.find(([n]) => n === signed.header)![1];
  const index = alphabet.indexOf(signed.encoding === "hex" ? value[i].toLowerCase() : value[i]);
  const replaced = alphabet[index ^ (alphabet.length >> 1)];
  const changed = value.slice(0, i) + replaced + value.slice(i + 1);
  return { ...signed, headers: signed.headers.map(([n, v]): [string, string] => [n, n === signed.header ? changed : v]) };
}

/** The digest bytes a signed request carries. */
function digest(signed: Signed): Buffer {
  const value = signed.headers.find(([n]) => n === signed.header)![1];
  return Buffer.from(value.slice(signed.start, signed.end), signed.encoding);
}

const stripe = new Stripe("sk_test_hookjar");
const port = () => new URL(server.url).port;

// Signed with the provider's SDK where one signs (GitHub, Stripe, Svix, Twilio), else as documented.
const cases: Case[] = [
  {
    name: "github (X-Hub-Signature-256)",
    scheme: "github",
    contentType: "application/json",
    body: '{"action":"opened","number":7}',
    secret: `gh-${randomUUID()}`,
    async sign() {
      const value = await githubSign(this.secret, this.body);
      return { headers: [["X-GitHub-Event", "pull_request"], ["X-Hub-Signature-256", value]], header: "X-Hub-Signature-256", ...span(value, "sha256=", "hex") };
    },
  },
  {
    // Older integrations get only the sha1 header, which the SDK no longer makes.
    name: "github (legacy X-Hub-Signature, sha1)",
    scheme: "github",
    contentType: "application/json",
    body: '{"zen":"Keep it logically awesome."}',
    secret: `gh1-${randomUUID()}`,
    sign() {
      const value = `sha1=${hmac("sha1", this.secret, this.body).digest("hex")}`;
      return { headers: [["X-Hub-Signature", value]], header: "X-Hub-Signature", ...span(value, "sha1=", "hex") };
    },
  },
  {
    name: "stripe",
    scheme: "stripe",
    contentType: "application/json",
    body: '{"id":"evt_near","object":"event","type":"charge.succeeded"}',
    secret: `whsec_${randomUUID()}`,
    sign() {
      const value = stripe.webhooks.generateTestHeaderString({ payload: this.body, secret: this.secret });
      return { headers: [["Stripe-Signature", value]], header: "Stripe-Signature", ...span(value, "v1=", "hex") };
    },
  },
  {
    name: "slack",
    scheme: "slack",
    contentType: "application/x-www-form-urlencoded",
    body: "token=x&team_id=T1&command=%2Fnear&text=miss",
    secret: `slack-${randomUUID()}`,
    sign() {
      const t = String(now());
      const value = `v0=${hmac("sha256", this.secret, `v0:${t}:${this.body}`).digest("hex")}`;
      return { headers: [["X-Slack-Request-Timestamp", t], ["X-Slack-Signature", value]], header: "X-Slack-Signature", ...span(value, "v0=", "hex") };
    },
  },
  {
    name: "standard (Svix SDK)",
    scheme: "standard",
    contentType: "application/json",
    body: '{"type":"invoice.paid","data":{"id":2}}',
    secret: `whsec_${randomBytes(24).toString("base64")}`,
    sign() {
      const id = `msg_${randomUUID()}`;
      const at = new Date();
      const value = new Webhook(this.secret).sign(id, at, this.body);
      return {
        headers: [["webhook-id", id], ["webhook-timestamp", String(Math.floor(at.getTime() / 1000))], ["webhook-signature", value]],
        header: "webhook-signature",
        ...span(value, "v1,", "base64"),
      };
    },
  },
  {
    name: "shopify",
    scheme: "shopify",
    contentType: "application/json",
    body: '{"id":820982911946154508,"email":"near@example.com"}',
    secret: `shpss_${randomUUID()}`,
    sign() {
      const value = hmac("sha256", this.secret, this.body).digest("base64");
      return { headers: [["X-Shopify-Hmac-Sha256", value]], header: "X-Shopify-Hmac-Sha256", ...span(value, "", "base64") };
    },
  },
  {
    name: "twilio",
    scheme: "twilio",
    contentType: "application/x-www-form-urlencoded",
    body: "Body=Near&From=%2B15551234567&To=%2B15557654321&MessageSid=SM7",
    secret: `tw-${randomUUID()}`,
    sign() {
      const url = `http://127.0.0.1:${port()}/b/${binId}/sms?near=1`;
      const value = twilio.getExpectedTwilioSignature(this.secret, url, Object.fromEntries(new URLSearchParams(this.body)));
      return { headers: [["X-Twilio-Signature", value]], header: "X-Twilio-Signature", ...span(value, "", "base64"), subpath: "/sms", query: "near=1" };
    },
  },
  {
    name: "hmac (sha256, hex, prefixed)",
    scheme: "hmac",
    contentType: "application/json",
    body: '{"event":"near-hex"}',
    secret: `generic-${randomUUID()}`,
    hmac: { algorithm: "sha256", header: "X-Hub-Hmac", encoding: "hex", prefix: "sha256=" },
    sign() {
      const value = `sha256=${hmac("sha256", this.secret, this.body).digest("hex")}`;
      return { headers: [["X-Hub-Hmac", value]], header: "X-Hub-Hmac", ...span(value, "sha256=", "hex") };
    },
  },
  {
    name: "hmac (sha512, base64)",
    scheme: "hmac",
    contentType: "application/json",
    body: '{"event":"near-base64"}',
    secret: `generic-${randomUUID()}`,
    hmac: { algorithm: "sha512", header: "X-Signature", encoding: "base64" },
    sign() {
      const value = hmac("sha512", this.secret, this.body).digest("base64");
      return { headers: [["X-Signature", value]], header: "X-Signature", ...span(value, "", "base64") };
    },
  },
];

async function capture(c: Case, signed: Signed): Promise<string> {
  const url = `${server.url}/b/${binId}${signed.subpath ?? "/near"}${signed.query ? `?${signed.query}` : ""}`;
  const res = await rawRequest(url, { method: "POST", headers: [["Content-Type", c.contentType], ...signed.headers], body: c.body });
  expect(res.status).toBe(200);
  return JSON.parse(res.body.toString()).id;
}

async function verify(c: Case, id: string) {
  const res = await fetch(`${server.url}/api/bins/${binId}/requests/${id}/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scheme: c.scheme, secret: c.secret, ...(c.hmac && { hmac: c.hmac }) }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe("a signature one character off", () => {
  it("is tried for every scheme the server verifies", () => {
    expect(new Set(cases.map((c) => c.scheme))).toEqual(new Set(SCHEMES));
  });

  for (const c of cases) {
    it(`${c.name}: the signature as made verifies; its first or last character changed does not`, async () => {
      const signed = await c.sign();
      expect(await verify(c, await capture(c, signed))).toMatchObject({ scheme: c.scheme, valid: true, reason: null });

      for (const at of ["first", "last"] as const) {
        const nearMiss = flip(signed, at);
        // Still well-formed: a digest of the same length, different in exactly that one byte.
        const [good, bad] = [digest(signed), digest(nearMiss)];
        expect(bad.length).toBe(good.length);
        const differing = [...good.keys()].filter((i) => good[i] !== bad[i]);
        expect(differing).toEqual([at === "first" ? 0 : good.length - 1]);

        const answer = await verify(c, await capture(c, nearMiss));
        expect(answer, `${at} character changed`).toMatchObject({ scheme: c.scheme, valid: false, reason: "signature_mismatch" });
        expect(answer.expected).not.toBe(answer.received);
      }
    });
  }
});
