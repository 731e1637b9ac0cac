import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { HeaderPairs } from "../schemas/common.ts";
import type { FailureReason, HmacOptions, Scheme, VerifyResult } from "../schemas/signature.ts";
import { sha256Hex } from "../store/delivery.ts";

/**
 * Each provider's signature, computed the way its documentation (and its SDK) does, over exact
 * bytes: verify explains why a signature fails, sign writes a fresh one for a resend.
 */

/** What a signature covers. `urls` (Twilio) lists the URLs the sender may have used, the likeliest first. */
export type Message = { headers: HeaderPairs; body: Buffer; urls: string[] };
export type VerifyContext = { secret: string; hmac?: HmacOptions; toleranceS: number; receivedAt: Date };
export type Check = Omit<VerifyResult, "scheme" | "detected">;
export type SignContext = { secret: string; hmac?: HmacOptions; now: Date };
/** Headers to set (each replaces every header of that name) and the URL to send to. */
export type Signed = { set: HeaderPairs; url: string };

type Impl = { verify: (m: Message, c: VerifyContext) => Check; sign: (m: Message, c: SignContext) => Signed };

const header = (headers: HeaderPairs, name: string): string | null => {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
};

const hmac = (algorithm: string, key: string | Buffer, ...parts: (string | Buffer)[]) => {
  const h = createHmac(algorithm, key);
  for (const part of parts) h.update(part);
  return h.digest();
};

const unix = (date: Date) => Math.floor(date.getTime() / 1000);

// Compared in constant time: a verify endpoint must not become an oracle that leaks how much matched.
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const failed = (reason: FailureReason, extra: Partial<Check> = {}): Check => ({
  valid: false, reason, expected: null, received: null, timestamp: null, skewS: null, ...extra,
});

/**
 * The verdict once a signature could be read: the first candidate that matches wins; a matching
 * signature whose timestamp lies too far from the capture's arrival still fails.
 */
function judge(expected: string, candidates: string[], ctx: VerifyContext, timestamp: number | null = null): Check {
  const match = candidates.find((c) => same(c, expected));
  const skewS = timestamp === null ? null : (ctx.receivedAt.getTime() - timestamp * 1000) / 1000;
  const base = { expected, received: match ?? candidates[0] ?? null, timestamp, skewS };
  if (match === undefined) return { ...base, valid: false, reason: "signature_mismatch" };
  if (skewS !== null && Math.abs(skewS) > ctx.toleranceS) return { ...base, valid: false, reason: "timestamp_outside_tolerance" };
  return { ...base, valid: true, reason: null };
}

const TIMESTAMP = /^\d{1,12}$/;
const HEX = (bytes: number) => new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`);
const isBase64Of = (value: string, bytes: number) =>
  /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, "base64").length === bytes;

const github: Impl = {
  verify(m, ctx) {
    // GitHub sends both; the sha1 header alone is what older integrations still get.
    for (const [name, algorithm, bytes] of [["X-Hub-Signature-256", "sha256", 32], ["X-Hub-Signature", "sha1", 20]] as const) {
      const value = header(m.headers, name);
      if (value === null) continue;
      const prefix = `${algorithm}=`;
      if (!value.startsWith(prefix) || !HEX(bytes).test(value.slice(prefix.length))) return failed("malformed_header", { received: value });
      return judge(prefix + hmac(algorithm, ctx.secret, m.body).toString("hex"), [prefix + value.slice(prefix.length).toLowerCase()], ctx);
    }
    return failed("missing_header");
  },
  sign(m, ctx) {
    const set: HeaderPairs = [["X-Hub-Signature-256", `sha256=${hmac("sha256", ctx.secret, m.body).toString("hex")}`]];
    if (header(m.headers, "X-Hub-Signature") !== null) set.push(["X-Hub-Signature", `sha1=${hmac("sha1", ctx.secret, m.body).toString("hex")}`]);
    return { set, url: m.urls[0] };
  },
};

const stripe: Impl = {
  verify(m, ctx) {
    const value = header(m.headers, "Stripe-Signature");
    if (value === null) return failed("missing_header");
    const items = value.split(",").map((item) => item.trim().split("="));
    const t = items.find(([k]) => k === "t")?.[1];
    const v1 = items.filter(([k, v]) => k === "v1" && v !== undefined).map(([, v]) => v.toLowerCase());
    if (!t || !TIMESTAMP.test(t) || v1.length === 0 || !v1.every((v) => HEX(32).test(v))) return failed("malformed_header", { received: value });
    return judge(hmac("sha256", ctx.secret, `${t}.`, m.body).toString("hex"), v1, ctx, Number(t));
  },
  sign(m, ctx) {
    const t = unix(ctx.now);
    return { set: [["Stripe-Signature", `t=${t},v1=${hmac("sha256", ctx.secret, `${t}.`, m.body).toString("hex")}`]], url: m.urls[0] };
  },
};

const slack: Impl = {
  verify(m, ctx) {
    const signature = header(m.headers, "X-Slack-Signature");
    const t = header(m.headers, "X-Slack-Request-Timestamp");
    if (signature === null || t === null) return failed("missing_header");
    if (!TIMESTAMP.test(t) || !signature.startsWith("v0=") || !HEX(32).test(signature.slice(3))) return failed("malformed_header", { received: signature });
    return judge(`v0=${hmac("sha256", ctx.secret, `v0:${t}:`, m.body).toString("hex")}`, [`v0=${signature.slice(3).toLowerCase()}`], ctx, Number(t));
  },
  sign(m, ctx) {
    const t = String(unix(ctx.now));
    return {
      set: [["X-Slack-Request-Timestamp", t], ["X-Slack-Signature", `v0=${hmac("sha256", ctx.secret, `v0:${t}:`, m.body).toString("hex")}`]],
      url: m.urls[0],
    };
  },
};

// Standard Webhooks secrets are base64 keys, shown with a `whsec_` prefix by Svix and others.
const standardKey = (secret: string) => Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
// Svix predates the standard and names the same headers `svix-*`.
const standardPrefix = (headers: HeaderPairs) =>
  header(headers, "webhook-signature") === null && header(headers, "svix-signature") !== null ? "svix" : "webhook";

const standard: Impl = {
  verify(m, ctx) {
    const prefix = standardPrefix(m.headers);
    const [id, t, signatures] = ["id", "timestamp", "signature"].map((h) => header(m.headers, `${prefix}-${h}`));
    if (id === null || t === null || signatures === null) return failed("missing_header");
    // Several signatures after a secret rotation, space-separated; only v1 (HMAC) is ours to check.
    const v1 = signatures.split(" ").filter((s) => s.startsWith("v1,"));
    if (!TIMESTAMP.test(t) || v1.length === 0 || !v1.every((s) => isBase64Of(s.slice(3), 32))) return failed("malformed_header", { received: signatures });
    return judge(`v1,${hmac("sha256", standardKey(ctx.secret), `${id}.${t}.`, m.body).toString("base64")}`, v1, ctx, Number(t));
  },
  sign(m, ctx) {
    const prefix = standardPrefix(m.headers);
    const id = header(m.headers, `${prefix}-id`) ?? `msg_${randomBytes(12).toString("hex")}`;
    const t = String(unix(ctx.now));
    const signature = `v1,${hmac("sha256", standardKey(ctx.secret), `${id}.${t}.`, m.body).toString("base64")}`;
    return { set: [[`${prefix}-id`, id], [`${prefix}-timestamp`, t], [`${prefix}-signature`, signature]], url: m.urls[0] };
  },
};

const shopify: Impl = {
  verify(m, ctx) {
    const value = header(m.headers, "X-Shopify-Hmac-Sha256");
    if (value === null) return failed("missing_header");
    if (!isBase64Of(value, 32)) return failed("malformed_header", { received: value });
    return judge(hmac("sha256", ctx.secret, m.body).toString("base64"), [value], ctx);
  },
  sign(m, ctx) {
    return { set: [["X-Shopify-Hmac-Sha256", hmac("sha256", ctx.secret, m.body).toString("base64")]], url: m.urls[0] };
  },
};

/**
 * Twilio signs the URL it requested followed by the form parameters, sorted by name (repeated
 * names: distinct values, sorted). A JSON body is covered instead by `bodySHA256` in the URL.
 */
function twilioPayload(url: string, m: Message): string {
  if (new URL(url).searchParams.has("bodySHA256")) return url;
  const type = header(m.headers, "Content-Type") ?? "";
  if (!/^application\/x-www-form-urlencoded/i.test(type)) return url;
  const params = new Map<string, Set<string>>();
  for (const [name, value] of new URLSearchParams(m.body.toString("utf8"))) params.set(name, (params.get(name) ?? new Set()).add(value));
  const names = [...params.keys()].sort();
  return url + names.map((name) => [...params.get(name)!].sort().map((value) => name + value).join("")).join("");
}

const twilio: Impl = {
  verify(m, ctx) {
    const value = header(m.headers, "X-Twilio-Signature");
    if (value === null) return failed("missing_header");
    if (!isBase64Of(value, 20)) return failed("malformed_header", { received: value });
    const expectedFor = (url: string) => hmac("sha1", ctx.secret, Buffer.from(twilioPayload(url, m), "utf8")).toString("base64");
    // Any of the URLs the sender may have used (host as proxied, with or without the default port).
    const url = m.urls.find((u) => same(expectedFor(u), value)) ?? m.urls[0];
    const check = judge(expectedFor(url), [value], ctx);
    const claimed = new URL(url).searchParams.get("bodySHA256");
    if (!check.valid || claimed === null || same(claimed.toLowerCase(), sha256Hex(m.body))) return check;
    // The URL is genuine but the body is not the one it vouches for.
    return { ...check, valid: false, reason: "signature_mismatch", expected: `bodySHA256=${sha256Hex(m.body)}`, received: `bodySHA256=${claimed}` };
  },
  sign(m, ctx) {
    const target = new URL(m.urls[0]);
    // The body hash in the URL is part of what is signed: it must describe the body actually sent.
    if (target.searchParams.has("bodySHA256")) target.searchParams.set("bodySHA256", sha256Hex(m.body));
    const url = target.searchParams.has("bodySHA256") ? target.toString() : m.urls[0];
    return { set: [["X-Twilio-Signature", hmac("sha1", ctx.secret, Buffer.from(twilioPayload(url, m), "utf8")).toString("base64")]], url };
  },
};

const DIGEST_BYTES = { sha1: 20, sha256: 32, sha512: 64 } as const;

const generic: Impl = {
  verify(m, ctx) {
    const o = ctx.hmac!;
    const value = header(m.headers, o.header);
    if (value === null) return failed("missing_header");
    const prefix = o.prefix ?? "";
    const given = value.slice(prefix.length);
    const wellFormed = o.encoding === "hex" ? HEX(DIGEST_BYTES[o.algorithm]).test(given) : isBase64Of(given, DIGEST_BYTES[o.algorithm]);
    if (!value.startsWith(prefix) || !wellFormed) return failed("malformed_header", { received: value });
    const digest = hmac(o.algorithm, ctx.secret, m.body).toString(o.encoding);
    return judge(prefix + digest, [prefix + (o.encoding === "hex" ? given.toLowerCase() : given)], ctx);
  },
  sign(m, ctx) {
    const o = ctx.hmac!;
    return { set: [[o.header, (o.prefix ?? "") + hmac(o.algorithm, ctx.secret, m.body).toString(o.encoding)]], url: m.urls[0] };
  },
};

export const SCHEME_IMPLS: Record<Scheme, Impl> = { github, stripe, slack, standard, shopify, twilio, hmac: generic };
