import { z } from "zod";
import { EncodedBodySchema, HeaderPairsSchema, IsoDateSchema } from "./common.ts";
import { CaptureResponseSchema } from "./rules.ts";

export const CaptureSummarySchema = z.object({
  id: z.string(),
  seq: z.number().int().positive().describe("Commit order across all instances: lists run newest first by it"),
  binId: z.string(),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  contentType: z.string().nullable(),
  bodySize: z.number().int(),
  remoteAddress: z.string().nullable(),
  receivedAt: IsoDateSchema,
  responseStatus: z.number().int().nullable().describe("The status the sender was answered; null when it hung or was reset (or for captures older than rules)"),
});
export type CaptureSummary = z.infer<typeof CaptureSummarySchema>;

export const AttemptSchema = z.object({
  id: z.string(),
  kind: z.enum(["resend", "forward"]),
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  createdAt: IsoDateSchema,
  // What was sent, so an attempt can be opened in the editor again.
  request: z.object({ headers: HeaderPairsSchema, body: EncodedBodySchema }),
});
export type AttemptView = z.infer<typeof AttemptSchema>;

export const CaptureSchema = CaptureSummarySchema.extend({
  headers: HeaderPairsSchema,
  httpVersion: z.string(),
  body: EncodedBodySchema,
  response: CaptureResponseSchema.nullable(),
  attempts: z.array(AttemptSchema),
});
export type CaptureView = z.infer<typeof CaptureSchema>;

export const CapturePageSchema = z.object({
  items: z.array(CaptureSummarySchema),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next (older) page; null on the last page"),
});
export type CapturePage = z.infer<typeof CapturePageSchema>;

export const ListCapturesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,18}$/, "cursor must be a nextCursor from a previous page").transform(BigInt).optional(),
  method: z.string().regex(/^[A-Za-z-]{1,20}$/, "method must be an HTTP method").optional(),
  q: z.string().min(1).max(200).optional(),
  header: z.string().min(1).max(200).optional(),
});
export type ListCapturesQuery = z.infer<typeof ListCapturesQuerySchema>;
/** The list's filters alone (what narrows the list, not how it is paged). */
export type CaptureFilter = Pick<ListCapturesQuery, "method" | "q" | "header">;

export const ExportQuerySchema = z.object({
  format: z.enum(["har", "json"]).default("json"),
  ids: z
    .string()
    .transform((s) => s.split(",").map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[0-9A-Z]{26}$/, "ids must be capture ids")).max(1000))
    .optional(),
});
export type ExportQuery = z.infer<typeof ExportQuerySchema>;
