import { z } from "zod";
import { IsoDateSchema } from "./common.ts";

/**
 * Requests a known bin refused without storing them (too large, rate limited), aggregated: one
 * row per bin, reason and minute, counting them, with the latest one's method, path and size.
 */

/** How many rows a bin keeps (the newest minutes). */
export const REFUSALS_PER_BIN = 100;

export const REFUSAL_REASONS = ["payload_too_large", "rate_limited"] as const;
export const RefusalReasonSchema = z.enum(REFUSAL_REASONS);
export type RefusalReason = z.infer<typeof RefusalReasonSchema>;

export const RefusalSchema = z.object({
  id: z.string(),
  binId: z.string(),
  reason: RefusalReasonSchema.describe("The error code the senders were answered"),
  status: z.number().int().describe("413 or 429"),
  minute: IsoDateSchema.describe("Start of the minute this row counts"),
  count: z.number().int().positive().describe("Requests refused for this reason in this minute"),
  method: z.string().describe("The latest refused request's method"),
  path: z.string().describe("…its sub-path after /b/{binId}"),
  bodySize: z.number().int().nullable().describe("…its declared Content-Length; null when it sent none"),
  firstAt: IsoDateSchema,
  lastAt: IsoDateSchema,
});
export type RefusalView = z.infer<typeof RefusalSchema>;

export const RefusalListSchema = z.object({
  items: z.array(RefusalSchema).describe(`Newest first (by lastAt); a bin keeps its latest ${REFUSALS_PER_BIN} rows`),
});
export type RefusalList = z.infer<typeof RefusalListSchema>;
