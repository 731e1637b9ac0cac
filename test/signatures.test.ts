import { createHash, createHmac, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sign as githubSign } from "@octokit/webhooks-methods";
import Stripe from "stripe";
import { Webhook } from "svix";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "./helpers/http.ts";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";

// Each provider's request is signed with the provider's own SDK where it has one that signs
// (GitHub, Stripe, Svix / Standard Webhooks, Twilio), else with its documented algorithm (Slack, Shopify).

let server: TestServer;
let binId: string;
beforeAll(async () => {
  server = await startServer();
  binId = (await createBin(server)).id;
});
afterAll(() => server?.stop());

const stripe = new Stripe("sk_test_hookjar");
const unique = (label: string) => `${label}-${randomBytes(9).toString("hex")}`;
// Every secret used in this file, to look for afterwards where none may be.
const secrets: string[] = [];
const secret = (label: string) => {
  const s = unique(label);
  secrets.push(s);
  return s;
};
const whsec = () => {
  const s = `whsec_${randomBytes(24).toString("base64")}`;
  secrets.push(s);
  return s;
};

async function capture(headers: [string, string][], body: string | Buffer, subpath = "/hook", query = ""): Promise<string> {
  const res = await rawRequest(`${server.url}/b/${binId}${subpath}${query ? `?${query}` : ""}`, { method: "POST", headers, body });
  expect(res.status).toBe(200);
  return JSON.parse(res.body.toString()).id;
}

async function verify(id: string, input: Record<string, unknown>) {
  const res = await fetch(`${server.url}/api/bins/${binId}/requests/${id}/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  for (const s of secrets) expect(text, "a verify answer never echoes the secret").not.toContain(s);
  return { status: res.status, body: JSON.parse(text) };
}

/** One changed byte: the first digit or letter of the body turned into another. */
const tamper = (body: string) => body.replace(/[0-9a-z]/, (c) => (c === "1" ? "2" : c === "a" ? "b" : c === "0" ? "1" : "a"));

type Signed = { headers: [string, string][]; subpath?: string; query?: string };
type Provider = {
  scheme: string;
  body: string;
  contentType: string;
  key: () => string;
  sign: (body: string, key: string) => Signed | Promise<Signed>;
  hmac?: Record<string, string>;
};

const hmacHex = (algorithm: string, key: string, data: string) => createHmac(algorithm, key).update(data).digest("hex");
const now = () => Math.floor(Date.now() / 1000);
const port = () => new URL(server.url).port;

const providers: Provider[] = [
  {
    scheme: "github",
    body: '{"action":"opened","number":1}',
    contentType: "application/json",
    key: () => secret("gh"),
    // GitHub also still sends the legacy sha1 header, which its SDK no longer makes.
    sign: async (body, key) => ({ headers: [["X-Hub-Signature-256", await githubSign(key, body)], ["X-Hub-Signature", `sha1=${hmacHex("sha1", key, body)}`]] }),
  },
  {
    scheme: "stripe",
    body: '{"id":"evt_1","object":"event","type":"charge.succeeded"}',
    contentType: "application/json",
    key: () => secret("whsec_stripe"),
    sign: (body, key) => ({ headers: [["Stripe-Signature", stripe.webhooks.generateTestHeaderString({ payload: body, secret: key })]] }),
  },
  {
    scheme: "slack",
    body: "token=x&team_id=T1&command=%2Fdeploy&text=now",
    contentType: "application/x-www-form-urlencoded",
    key: () => secret("slack"),
    sign: (body, key) => {
      const t = String(now());
      return { headers: [["X-Slack-Request-Timestamp", t], ["X-Slack-Signature", `v0=${hmacHex("sha256", key, `v0:${t}:${body}`)}`]] };
    },
  },
  {
    scheme: "standard",
    body: '{"type":"invoice.paid","data":{"id":1}}',
    contentType: "application/json",
    key: whsec,
    sign: (body, key) => {
      const id = unique("msg");
      // One instant for the signature and its header: two clock reads may straddle a second.
      const at = new Date();
      const signature = new Webhook(key).sign(id, at, body);
      return { headers: [["webhook-id", id], ["webhook-timestamp", String(Math.floor(at.getTime() / 1000))], ["webhook-signature", signature]] };
    },
  },
  {
    scheme: "shopify",
    body: '{"id":820982911946154500,"email":"jon@example.com"}',
    contentType: "application/json",
    key: () => secret("shpss"),
    sign: (body, key) => ({ headers: [["X-Shopify-Hmac-Sha256", createHmac("sha256", key).update(body).digest("base64")]] }),
  },
  {
    scheme: "twilio",
    body: "Body=Hello&From=%2B15551234567&To=%2B15557654321&MessageSid=SM1",
    contentType: "application/x-www-form-urlencoded",
    key: () => secret("twtoken"),
    sign: (body, key) => {
      const url = `http://127.0.0.1:${port()}/b/${binId}/sms?x=1`;
      return { headers: [["X-Twilio-Signature", twilio.getExpectedTwilioSignature(key, url, Object.fromEntries(new URLSearchParams(body)))]], subpath: "/sms", query: "x=1" };
    },
  },
  {
    scheme: "hmac",
    body: '{"event":"ping"}',
    contentType: "application/json",
    key: () => secret("generic"),
    hmac: { algorithm: "sha512", header: "X-Signature", encoding: "base64", prefix: "sha512=" },
    sign: (body, key) => ({ headers: [["X-Signature", `sha512=${createHmac("sha512", key).update(body).digest("base64")}`]] }),
  },
];

async function send(p: Provider, key: string, signedBody: string, sentBody = signedBody) {
  const signed = await p.sign(signedBody, key);
  return capture([["Content-Type", p.contentType], ...signed.headers], sentBody, signed.subpath, signed.query);
}

describe("POST /api/bins/{id}/requests/{rid}/verify", () => {
  for (const p of providers) {
    describe(p.scheme, () => {
      const named = { scheme: p.scheme, ...(p.hmac && { hmac: p.hmac }) };

      it("verifies a request signed by the provider's SDK (or documented algorithm)", async () => {
        const key = p.key();
        const id = await send(p, key, p.body);
        const { status, body } = await verify(id, { ...named, secret: key });
        expect(status).toBe(200);
        expect(body).toMatchObject({ scheme: p.scheme, detected: false, valid: true, reason: null });
        expect(body.expected).toBe(body.received);
        if (p.scheme !== "hmac") {
          // Without a scheme, the headers tell which one it is.
          expect((await verify(id, { secret: key })).body).toMatchObject({ scheme: p.scheme, detected: true, valid: true });
        }
      });

      it("answers signature_mismatch with expected ≠ received for a wrong secret", async () => {
        const id = await send(p, p.key(), p.body);
        const { body } = await verify(id, { ...named, secret: p.scheme === "standard" ? whsec() : secret("wrong") });
        expect(body).toMatchObject({ valid: false, reason: "signature_mismatch" });
        expect(body.expected).toEqual(expect.any(String));
        expect(body.received).toEqual(expect.any(String));
        expect(body.expected).not.toBe(body.received);
      });

      it("fails when one byte of the body changed after signing", async () => {
        const key = p.key();
        const tampered = tamper(p.body);
        expect(Buffer.byteLength(tampered)).toBe(Buffer.byteLength(p.body));
        const id = await send(p, key, p.body, tampered);
        const { body } = await verify(id, { ...named, secret: key });
        expect(body).toMatchObject({ valid: false, reason: "signature_mismatch" });
      });
    });
  }

  it("judges a Stripe timestamp against receivedAt: old → timestamp_outside_tolerance with the skew", async () => {
    const key = secret("whsec_old");
    const body = '{"id":"evt_old","object":"event"}';
    const timestamp = now() - 3600;
    const id = await capture([["Stripe-Signature", stripe.webhooks.generateTestHeaderString({ payload: body, secret: key, timestamp })]], body);
    const { body: old } = await verify(id, { secret: key });
    expect(old).toMatchObject({ scheme: "stripe", valid: false, reason: "timestamp_outside_tolerance", timestamp });
    expect(old.expected).toBe(old.received);
    expect(old.skewS).toBeGreaterThanOrEqual(3600);
    expect(old.skewS).toBeLessThan(3600 + 120);
    // A wider tolerance accepts it, as Stripe's own check would.
    expect((await verify(id, { secret: key, toleranceS: 7200 })).body).toMatchObject({ valid: true, reason: null });
    expect(() => stripe.webhooks.constructEvent(body, `t=${timestamp},v1=${old.expected}`, key)).toThrow(/tolerance/);
  });

  it("answers body_reformatted when a compact-signed Stripe event arrives pretty-printed; a wrong secret stays signature_mismatch", async () => {
    const key = secret("whsec_pretty");
    const event = { id: "evt_pretty", object: "event", type: "payment_intent.succeeded", data: { object: { id: "pi_1", amount: 2000, currency: "eur" } } };
    const compact = JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload: compact, secret: key });
    for (const [indent, words] of [[2, "indented by 2 spaces"], [4, "indented by 4 spaces"]] as const) {
      const pretty = JSON.stringify(event, null, indent);
      // Stripe's own check rejects the delivered bytes and accepts the compact ones it signed.
      expect(() => stripe.webhooks.constructEvent(pretty, header, key)).toThrow();
      expect(stripe.webhooks.constructEvent(compact, header, key).id).toBe("evt_pretty");
      const id = await capture([["Content-Type", "application/json"], ["Stripe-Signature", header]], pretty);
      const { body } = await verify(id, { secret: key });
      expect(body).toMatchObject({ scheme: "stripe", valid: false, reason: "body_reformatted", hint: expect.stringContaining("compact") });
      expect(body.expected).not.toBe(body.received);
      expect(body.hint).not.toContain(words);
      const wrong = await verify(id, { secret: secret("whsec_wrong") });
      expect(wrong.body).toMatchObject({ valid: false, reason: "signature_mismatch" });
      expect(wrong.body.hint).toBeUndefined();
    }
    // Signed pretty (4 spaces), delivered compact: the hint names the form that was signed.
    const signedPretty = JSON.stringify(event, null, 4);
    const id = await capture([["Stripe-Signature", stripe.webhooks.generateTestHeaderString({ payload: signedPretty, secret: key })]], compact);
    expect((await verify(id, { secret: key })).body).toMatchObject({ reason: "body_reformatted", hint: expect.stringContaining("indented by 4 spaces") });
  });

  it("accepts a Standard Webhooks request signed with several secrets after a rotation (svix-* headers)", async () => {
    const [oldKey, newKey] = [whsec(), whsec()];
    const body = '{"type":"user.created"}';
    const msg = unique("msg");
    const at = new Date();
    const signature = `${new Webhook(oldKey).sign(msg, at, body)} ${new Webhook(newKey).sign(msg, at, body)}`;
    const id = await capture([["svix-id", msg], ["svix-timestamp", String(Math.floor(at.getTime() / 1000))], ["svix-signature", signature]], body);
    for (const key of [oldKey, newKey]) expect((await verify(id, { secret: key })).body).toMatchObject({ scheme: "standard", valid: true });
  });

  it("verifies Twilio's JSON variant: bodySHA256 in the signed URL covers the body", async () => {
    const key = secret("twjson");
    const body = '{"CallSid":"CA1","CallStatus":"completed"}';
    const hash = createHash("sha256").update(body).digest("hex");
    const url = `http://127.0.0.1:${port()}/b/${binId}/status?bodySHA256=${hash}`;
    const signature = twilio.getExpectedTwilioSignature(key, url, {});
    expect(twilio.validateRequestWithBody(key, signature, url, body)).toBe(true);
    const good = await capture([["Content-Type", "application/json"], ["X-Twilio-Signature", signature]], body, "/status", `bodySHA256=${hash}`);
    expect((await verify(good, { secret: key })).body).toMatchObject({ scheme: "twilio", valid: true });
    const bad = await capture([["Content-Type", "application/json"], ["X-Twilio-Signature", signature]], tamper(body), "/status", `bodySHA256=${hash}`);
    const { body: failed } = await verify(bad, { secret: key });
    expect(failed).toMatchObject({ valid: false, reason: "signature_mismatch", received: `bodySHA256=${hash}` });
  });

  it("verifies Twilio behind a TLS proxy: the URL the sender used, from X-Forwarded-Proto and Host", async () => {
    const key = secret("twproxy");
    const body = "Body=Hi&From=%2B1555";
    const url = `https://hooks.example.com/b/${binId}/sms`;
    const signature = twilio.getExpectedTwilioSignature(key, url, Object.fromEntries(new URLSearchParams(body)));
    const id = await capture(
      [["Host", "hooks.example.com"], ["X-Forwarded-Proto", "https"], ["Content-Type", "application/x-www-form-urlencoded"], ["X-Twilio-Signature", signature]],
      body,
      "/sms",
    );
    expect((await verify(id, { secret: key })).body).toMatchObject({ valid: true });
  });

  it("explains missing and malformed headers", async () => {
    const key = secret("gh-missing");
    const plain = await capture([["Content-Type", "application/json"]], "{}");
    expect((await verify(plain, { scheme: "github", secret: key })).body).toMatchObject({
      scheme: "github", detected: false, valid: false, reason: "missing_header", expected: null, received: null,
    });
    const slackHalf = await capture([["X-Slack-Signature", "v0=" + "a".repeat(64)]], "{}");
    expect((await verify(slackHalf, { secret: key })).body).toMatchObject({ scheme: "slack", reason: "missing_header" });
    const malformed = await capture([["Stripe-Signature", "v1=zz"]], "{}");
    expect((await verify(malformed, { secret: key })).body).toMatchObject({ scheme: "stripe", valid: false, reason: "malformed_header", received: "v1=zz" });
  });

  it("answers 422 unknown_scheme when no scheme is named and none is detected; 400 for bad input", async () => {
    const key = secret("none");
    const plain = await capture([["Content-Type", "text/plain"]], "hello");
    const res = await verify(plain, { secret: key });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: "unknown_scheme", message: expect.any(String) });
    expect((await verify(plain, { scheme: "hmac", secret: key })).status).toBe(400);
    expect((await verify(plain, { scheme: "nope", secret: key })).body.error).toBe("invalid_request");
    expect((await verify(plain, { scheme: "github" })).status).toBe(400);
    expect((await verify(plain, { secret: key, toleranceS: -1 })).status).toBe(400);
    const missing = await fetch(`${server.url}/api/bins/${binId}/requests/01J00000000000000000000000/verify`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ secret: key }),
    });
    expect(missing.status).toBe(404);
  });
});

describe("with PUBLIC_URL", () => {
  let behind: TestServer;
  beforeAll(async () => void (behind = await startServer({ PUBLIC_URL: "https://hooks.example.com/hookjar" })));
  afterAll(() => behind?.stop());

  it("verifies Twilio against the public capture URL the provider was given", async () => {
    const bin = await createBin(behind);
    const key = secret("twpublic");
    const body = "Body=Hi";
    const signature = twilio.getExpectedTwilioSignature(key, `${bin.captureUrl}/sms?a=1`, { Body: "Hi" });
    expect(bin.captureUrl).toBe(`https://hooks.example.com/hookjar/b/${bin.id}`);
    const res = await rawRequest(`${behind.url}/b/${bin.id}/sms?a=1`, {
      method: "POST", headers: [["Content-Type", "application/x-www-form-urlencoded"], ["X-Twilio-Signature", signature]], body,
    });
    const { id } = JSON.parse(res.body.toString());
    const verified = await fetch(`${behind.url}/api/bins/${bin.id}/requests/${id}/verify`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ secret: key }),
    });
    expect(await verified.json()).toMatchObject({ scheme: "twilio", valid: true });
  });
});

describe("the secret", () => {
  it("never reaches the server's logs or the database", async () => {
    expect(secrets.length).toBeGreaterThan(10);
    const logs = server.logs();
    const dir = path.dirname(server.dbFile);
    const files = readdirSync(dir).map((f) => readFileSync(path.join(dir, f)).toString("latin1"));
    for (const s of secrets) {
      expect(logs).not.toContain(s);
      for (const file of files) expect(file).not.toContain(s);
    }
  });
});
