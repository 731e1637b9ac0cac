import { z } from "zod";
import { SignSchema } from "./signature.ts";
import { EncodedBodySchema, HeaderPairsSchema, HTTP_TOKEN, SendableHeaderPairsSchema, TargetUrlSchema } from "./common.ts";

/** `POST /api/resend`: send an edited request to a target and report its answer. */

// Room for a 10 MiB body in base64 (the capture limit's default), and not much more.
const MAX_BODY_CHARS = 16 * 1024 * 1024;
/** The whole resend request as JSON: the body plus room for headers and escaping. */
export const RESEND_JSON_LIMIT = MAX_BODY_CHARS + 8 * 1024 * 1024;

const SendBodySchema = z.discriminatedUnion("encoding", [
  z.object({ encoding: z.literal("utf8"), data: z.string().max(MAX_BODY_CHARS) }),
  z.object({ encoding: z.literal("base64"), data: z.base64("data must be valid base64 (A–Z a–z 0–9 + / with = padding)").max(MAX_BODY_CHARS) }),
]);

export const ResendRequestSchema = z.object({
  method: z
    .string()
    .max(32)
    .regex(HTTP_TOKEN, "The method must be an HTTP token such as GET, POST or PROPFIND.")
    .transform((method) => method.toUpperCase()),
  url: TargetUrlSchema,
  headers: SendableHeaderPairsSchema.max(200).default([]),
  body: SendBodySchema.optional(),
  timeoutMs: z.number().int().min(1).max(30_000).default(10_000),
  captureId: z.string().min(1).max(64).optional(),
  sign: SignSchema.optional().describe("Re-sign: replace the scheme's signature (and timestamp) headers with fresh ones over the body sent"),
});
export type ResendRequest = z.infer<typeof ResendRequestSchema>;

export const ResendResultSchema = z.object({
  status: z.number().int(),
  statusText: z.string(),
  headers: HeaderPairsSchema,
  body: EncodedBodySchema.extend({ truncated: z.boolean() }),
  durationMs: z.number().int(),
  signed: HeaderPairsSchema.optional().describe("With `sign`: the signature headers that were sent"),
});
export type ResendResult = z.infer<typeof ResendResultSchema>;
