import { z } from "zod";
import type { HeaderPairs } from "./common.ts";

/** Webhook signatures (docs/api.md): what can be verified and re-signed, and the answers. */

export const SCHEMES = ["github", "stripe", "slack", "standard", "shopify", "twilio", "hmac"] as const;
export const SchemeSchema = z.enum(SCHEMES);
export type Scheme = z.infer<typeof SchemeSchema>;

export const HmacOptionsSchema = z.object({
  algorithm: z.enum(["sha1", "sha256", "sha512"]),
  header: z.string().min(1).max(100).regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, "The header must be an HTTP header name."),
  encoding: z.enum(["hex", "base64"]),
  prefix: z.string().max(40).optional(),
});
export type HmacOptions = z.infer<typeof HmacOptionsSchema>;

// A scheme of "hmac" is nothing without its options.
const hmacGiven: [(s: { scheme?: Scheme; hmac?: HmacOptions }) => boolean, { message: string; path: string[] }] = [
  (s) => s.scheme !== "hmac" || s.hmac !== undefined,
  { message: "Scheme hmac needs hmac options: { algorithm, header, encoding }.", path: ["hmac"] },
];

// The secret's own value is never part of a message: Zod's messages below name limits, not input.
const SecretSchema = z.string().min(1, "The secret must not be empty.").max(1024);

/** `sign` on a resend, and the part of a verify request that names the scheme. */
export const SignSchema = z
  .object({ scheme: SchemeSchema, secret: SecretSchema, hmac: HmacOptionsSchema.optional() })
  .refine(...hmacGiven);
export type Sign = z.infer<typeof SignSchema>;

export const VerifyRequestSchema = z
  .object({
    scheme: SchemeSchema.optional(),
    secret: SecretSchema,
    toleranceS: z.number().int().min(0).max(10 * 365 * 24 * 3600).default(300),
    hmac: HmacOptionsSchema.optional(),
  })
  .refine(...hmacGiven);
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;

export const FAILURE_REASONS = ["missing_header", "malformed_header", "signature_mismatch", "body_reformatted", "timestamp_outside_tolerance"] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export const VerifyResultSchema = z.object({
  scheme: SchemeSchema,
  detected: z.boolean().describe("true when the scheme was detected from the headers, false when the caller named it"),
  valid: z.boolean(),
  reason: z.enum(FAILURE_REASONS).nullable().describe("null exactly when valid"),
  expected: z.string().nullable().describe("The signature computed over the stored bytes"),
  received: z.string().nullable().describe("The signature the sender sent (the matching one when it sent several)"),
  timestamp: z.number().int().nullable().describe("The signed Unix time (Stripe, Slack, Standard Webhooks)"),
  skewS: z.number().nullable().describe("receivedAt − timestamp in seconds; positive for an old signature"),
  hint: z
    .string()
    .optional()
    .describe("With body_reformatted: which re-serialization of the JSON body the signature matches (compact, or indented by 2 or 4 spaces)"),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

const has = (headers: HeaderPairs, name: string) => headers.some(([n]) => n.toLowerCase() === name);

// Header names that give each provider away, in the order they are tried. Generic HMAC has none.
const MARKERS: [Exclude<Scheme, "hmac">, string[]][] = [
  ["stripe", ["stripe-signature"]],
  ["github", ["x-hub-signature-256", "x-hub-signature"]],
  ["slack", ["x-slack-signature"]],
  ["standard", ["webhook-signature", "svix-signature"]],
  ["shopify", ["x-shopify-hmac-sha256"]],
  ["twilio", ["x-twilio-signature"]],
];

/** The scheme a request's headers announce, or null: shared by the server and the inspector. */
export function detectScheme(headers: HeaderPairs): Scheme | null {
  return MARKERS.find(([, names]) => names.some((n) => has(headers, n)))?.[0] ?? null;
}

export const SCHEME_LABELS: Record<Scheme, string> = {
  github: "GitHub",
  stripe: "Stripe",
  slack: "Slack",
  standard: "Standard Webhooks / Svix",
  shopify: "Shopify",
  twilio: "Twilio",
  hmac: "HMAC",
};
