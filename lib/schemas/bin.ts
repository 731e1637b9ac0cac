import { z } from "zod";
import { FINAL_STATUS, IsoDateSchema, NAME_MAX, SendableHeaderPairsSchema, TargetUrlSchema } from "./common.ts";
import { ForwardOutcomeSchema } from "./capture.ts";
import { RulesSchema } from "./rules.ts";

export const CreateBinSchema = z.object({
  name: z.string().trim().max(NAME_MAX).optional(),
  private: z.boolean().optional(),
});
export type CreateBinInput = z.infer<typeof CreateBinSchema>;

export const CustomResponseSchema = z.object({
  status: z.number().int().min(200, FINAL_STATUS).max(599, FINAL_STATUS),
  headers: SendableHeaderPairsSchema.max(100).default([]),
  body: z.string().max(1024 * 1024).default(""),
  delayMs: z.number().int().min(0).max(30_000).default(0),
});
export type CustomResponse = z.infer<typeof CustomResponseSchema>;

export const FORWARD_MODES = ["async", "pass-through"] as const;

export const ForwardSchema = z.object({
  url: TargetUrlSchema,
  enabled: z.boolean().default(true),
  mode: z
    .enum(FORWARD_MODES)
    .default("async")
    .describe("`async`: the sender is answered at once, the capture forwarded after (retried when it fails); `pass-through`: the sender waits and gets the target's own answer (never retried)"),
  timeoutMs: z.number().int().min(1).max(30_000).default(10_000).describe("How long a forward waits for the target's answer; past it, pass-through answers the sender 504"),
});
export type Forward = z.infer<typeof ForwardSchema>;

/** Who may watch a bin: anyone with its id, or only holders of its view token. */
export const BinPrivacySchema = z.object({ private: z.boolean() });
export type BinPrivacy = z.infer<typeof BinPrivacySchema>;

/** A bin made private gets a new view token, shown this once; every earlier token stops working. */
export const BinPrivacyAnswerSchema = z.object({ private: z.boolean(), viewToken: z.string().optional() });
export type BinPrivacyAnswer = z.infer<typeof BinPrivacyAnswerSchema>;

export const BinSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  captureUrl: z.url(),
  inspectUrl: z.url(),
  createdAt: IsoDateSchema,
});
export type BinView = z.infer<typeof BinSchema>;

/** `POST /api/bins` answers the bin, its manage key and a private bin's view token — this once only. */
export const CreatedBinSchema = BinSchema.extend({
  manageKey: z.string().describe("Every change to the bin needs it as `Authorization: Bearer`; only in this answer"),
  viewToken: z.string().optional().describe("Only for a private bin, and only in this answer"),
});
export type CreatedBin = z.infer<typeof CreatedBinSchema>;

/** A new manage key, answered this once: the one before it stops working. */
export const ManageKeySchema = z.object({
  manageKey: z.string().describe("Every change to the bin needs it as `Authorization: Bearer`; the previous key no longer works"),
});
export type ManageKeyAnswer = z.infer<typeof ManageKeySchema>;

/** Every bin of the server, as its operator sees them (`GET /api/admin/bins`). */
export const AdminBinListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      private: z.boolean(),
      managed: z.boolean().describe("Whether the bin has a manage key; false for a bin made before keys existed"),
      requestCount: z.number().int(),
      createdAt: IsoDateSchema,
      lastCaptureAt: IsoDateSchema.nullable(),
    }),
  ),
});
export type AdminBinList = z.infer<typeof AdminBinListSchema>;

export const BinDetailSchema = BinSchema.extend({
  requestCount: z.number().int(),
  response: CustomResponseSchema.nullable(),
  forward: ForwardSchema.nullable(),
  lastForward: ForwardOutcomeSchema.nullable().describe("How the bin's latest auto-forward went (of the captures it still holds); null when none"),
  private: z.boolean(),
  managed: z.boolean().describe("Whether changes need the bin's manage key; false for a bin made before manage keys existed, which anyone who can read it may change until it gets one"),
  limits: z
    .object({
      maxCapturesPerBin: z.number().int().describe("Past this many captures, the oldest is deleted as each new one arrives"),
      retentionDays: z.number().describe("Captures older than this are deleted; 0 keeps them"),
      rateLimitPerMin: z.number().int().describe("Captures a bin takes per minute; 0 is unlimited"),
    })
    .describe("This server's limits, which apply to every bin"),
});
export type BinDetail = z.infer<typeof BinDetailSchema>;

/**
 * A bin's settings as one document, to export and import (a team shares a mock): `GET` answers all
 * of them; `PUT` applies the fields given, each validated as its own route would.
 */
export const BinSettingsSchema = z.object({
  name: z.string().trim().max(NAME_MAX).nullable().optional(),
  response: CustomResponseSchema.nullable().optional(),
  forward: ForwardSchema.nullable().optional(),
  rules: RulesSchema.shape.rules.optional(),
});
export type BinSettings = z.infer<typeof BinSettingsSchema>;
