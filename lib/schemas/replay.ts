import { z } from "zod";
import { CaptureFilterSchema } from "./capture.ts";
import { IsoDateSchema, TargetUrlSchema } from "./common.ts";
import { SignSchema } from "./signature.ts";

/** Replays (docs/api.md): a selection of a bin's captures sent again to a URL, with their original timing or none. */

/** The most captures one replay sends: a selection by filter that matches more is refused. */
export const MAX_REPLAY_CAPTURES = 1000;

export const ReplayRequestSchema = z
  .object({
    url: TargetUrlSchema.describe("Where to send: each capture's sub-path and raw query are appended, as auto-forward does"),
    captureIds: z.array(z.string().regex(/^[0-9A-Z]{26}$/, "captureIds must be capture ids")).min(1).max(MAX_REPLAY_CAPTURES).optional(),
    filter: CaptureFilterSchema.optional().describe("Everything the list's filters match (at most 1000 captures)"),
    timing: z.enum(["original", "none"]).default("original").describe("original: the gaps the captures arrived with, divided by speed; none: one after another"),
    speed: z.number().min(0.1).max(100).default(1),
    sign: SignSchema.optional().describe("Re-sign each send: the scheme's signature (and timestamp) headers, fresh, over the body sent"),
  })
  .refine((r) => (r.captureIds === undefined) !== (r.filter === undefined), {
    message: "give either captureIds or filter (use filter: {} for every capture of the bin)",
    path: ["captureIds"],
  });
export type ReplayRequest = z.infer<typeof ReplayRequestSchema>;

export const ReplayStartedSchema = z.object({ id: z.string(), total: z.number().int() });

export const REPLAY_STATES = ["running", "done", "cancelled", "interrupted"] as const;
export const ReplayStateSchema = z.enum(REPLAY_STATES);
export type ReplayState = z.infer<typeof ReplayStateSchema>;

export const ReplayResultSchema = z.object({
  captureId: z.string(),
  scheduledMs: z.number().int().describe("When the send was due, in ms after the replay started"),
  startedMs: z.number().int().nullable().describe("When it went; null while it has not"),
  status: z.number().int().nullable().describe("The target's status; null when it did not answer (or has not yet)"),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  sentSha256: z.string().nullable().describe("Hex SHA-256 of the body bytes actually sent"),
});
export type ReplayResult = z.infer<typeof ReplayResultSchema>;

const counts = {
  total: z.number().int(),
  sent: z.number().int().describe("Sends that have ended (answered or failed)"),
  ok: z.number().int().describe("Sends answered with a 2xx"),
  failed: z.number().int(),
};

export const ReplaySchema = z.object({
  id: z.string(),
  binId: z.string(),
  url: z.string(),
  timing: z.enum(["original", "none"]),
  speed: z.number(),
  state: ReplayStateSchema.describe("interrupted: the server stopped (or crashed) while it ran"),
  ...counts,
  startedAt: IsoDateSchema,
  finishedAt: IsoDateSchema.nullable(),
  results: z.array(ReplayResultSchema).describe("One per capture, in sending order (oldest capture first)"),
});
export type ReplayView = z.infer<typeof ReplaySchema>;

export const ReplayProgressEventSchema = z.object({ binId: z.string(), replayId: z.string(), ...counts });
export type ReplayProgressEvent = z.infer<typeof ReplayProgressEventSchema>;

export const ReplayDoneEventSchema = ReplayProgressEventSchema.extend({ state: ReplayStateSchema });
export type ReplayDoneEvent = z.infer<typeof ReplayDoneEventSchema>;
