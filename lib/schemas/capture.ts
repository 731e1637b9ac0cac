import { z } from "zod";
import { EncodedBodySchema, HeaderPairsSchema, IsoDateSchema } from "./common.ts";
import { CaptureResponseSchema, FAULT_KINDS } from "./rules.ts";
import { SchemeSchema } from "./signature.ts";

/** How the latest auto-forward went: of one capture (on its summary), or of the bin (on BinDetail). */
export const ForwardOutcomeSchema = z.object({
  ok: z.boolean().describe("The target answered with a status below 400"),
  status: z.number().int().nullable().describe("The target's status; null when it did not answer (or the forward was not sent)"),
  error: z.string().nullable().describe("Why it got no answer, or was not sent; null when it answered"),
  url: z.string().describe("Where it was sent"),
  at: IsoDateSchema,
});
export type ForwardOutcome = z.infer<typeof ForwardOutcomeSchema>;

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
  fault: z.enum(FAULT_KINDS).nullable().describe("The failure a rule simulated on the sender (`response.fault`), or null"),
  scheme: SchemeSchema.nullable().describe("The signature scheme the headers announce (what verify detects), or null"),
  deliveryId: z.string().nullable().describe("The provider's delivery or event id (X-GitHub-Delivery, webhook-id, svix-id, evt_…), or null"),
  duplicateOf: z.string().nullable().describe("The id of the bin's earliest capture with the same deliveryId, when this one repeats it"),
  bodySha256: z.string().describe("Hex SHA-256 of the raw body bytes"),
  forward: ForwardOutcomeSchema.nullable().describe("The latest auto-forward of this capture; null when it was not forwarded (yet)"),
});
export type CaptureSummary = z.infer<typeof CaptureSummarySchema>;

export const ATTEMPT_KINDS = ["resend", "forward", "replay"] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

export const AttemptSchema = z.object({
  id: z.string(),
  kind: z.enum(ATTEMPT_KINDS),
  replayId: z.string().nullable().describe("The replay a `replay` attempt belongs to; null for the other kinds"),
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  createdAt: IsoDateSchema,
  try: z.number().int().positive().nullable().describe("A forward's try: 1 for the first, then one per retry; null for other kinds"),
  // What was sent, so an attempt can be opened in the editor again.
  request: z.object({
    headers: HeaderPairsSchema,
    body: EncodedBodySchema,
    sha256: z.string().describe("Hex SHA-256 of the body bytes actually sent: equal to the capture's bodySha256 when they are the same bytes"),
  }),
});
export type AttemptView = z.infer<typeof AttemptSchema>;

/** A forward attempt's outcome, as summaries and the bin carry it (the inspector derives it from live attempts alike). */
export function forwardOutcomeOf(attempt: Pick<AttemptView, "status" | "error" | "url" | "createdAt">): ForwardOutcome {
  const { status, error, url } = attempt;
  return { ok: error === null && status !== null && status < 400, status, error, url, at: attempt.createdAt };
}

/** A failed auto-forward that will be tried again. */
export const ForwardRetrySchema = z.object({
  try: z.number().int().min(2).describe("The try that comes next"),
  of: z.number().int().describe("How many tries there are in all (FORWARD_RETRIES + 1)"),
  at: IsoDateSchema.describe("When it is due (a try being sent keeps the time it was due)"),
});
export type ForwardRetryView = z.infer<typeof ForwardRetrySchema>;

export const CaptureSchema = CaptureSummarySchema.extend({
  headers: HeaderPairsSchema,
  httpVersion: z.string(),
  body: EncodedBodySchema,
  response: CaptureResponseSchema.nullable(),
  attempts: z.array(AttemptSchema),
  forwardRetry: ForwardRetrySchema.nullable().describe("The auto-forward's next try, while a failed forward waits to be retried; null otherwise"),
});
export type CaptureView = z.infer<typeof CaptureSchema>;

export const CapturePageSchema = z.object({
  items: z.array(CaptureSummarySchema),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next (older) page; null on the last page"),
  matching: z.number().int().optional().describe("On a filtered list's first page (no cursor): how many captures match the filter"),
});
export type CapturePage = z.infer<typeof CapturePageSchema>;

export const ListCapturesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,18}$/, "The cursor must be a nextCursor from a previous page.").transform(BigInt).optional(),
  method: z.string().regex(/^[A-Za-z-]{1,20}$/, "The method must be an HTTP method such as GET or POST.").optional(),
  q: z.string().min(1).max(200).optional(),
  header: z.string().min(1).max(200).optional(),
  duplicates: z.enum(["only"]).optional().describe("`only`: repeat deliveries alone (captures with a duplicateOf)"),
});
export type ListCapturesQuery = z.infer<typeof ListCapturesQuerySchema>;
/** The list's filters alone (what narrows the list, not how it is paged); the export takes them too. */
export const CaptureFilterSchema = ListCapturesQuerySchema.pick({ method: true, q: true, header: true, duplicates: true });
export type CaptureFilter = z.infer<typeof CaptureFilterSchema>;

export const ExportQuerySchema = CaptureFilterSchema.extend({
  format: z.enum(["har", "json"]).default("json"),
  ids: z
    .string()
    .transform((s) => s.split(",").map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[0-9A-Z]{26}$/, "ids must be capture ids")).max(1000))
    .optional(),
});
export type ExportQuery = z.infer<typeof ExportQuerySchema>;

export const BodyQuerySchema = z.object({
  download: z.string().optional().describe("Present: answer as a file named after the capture, with an extension for its type"),
  decode: z
    .stringbool()
    .optional()
    .describe(
      "true: undo the body's Content-Encoding (gzip, deflate, br) for reading; the stored bytes are unchanged. " +
        "422 decoded_too_large (with `limit`) when it would expand past MAX_BODY_BYTES, 422 undecodable_body when it is not valid data of its coding",
    ),
});
