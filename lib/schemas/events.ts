import { z } from "zod";
import { AttemptSchema, CaptureSummarySchema, type CaptureSummary } from "./capture.ts";
import { RefusalSchema, type RefusalView } from "./refusal.ts";
import { ReplayDoneEventSchema, ReplayProgressEventSchema, type ReplayDoneEvent, type ReplayProgressEvent } from "./replay.ts";

/**
 * The live stream's contract (docs/events.md): every Socket.IO event with its payload
 * schema, and the typed event maps the server, the inspector and the relay all build on.
 */

export const SubscribeSchema = z.object({ binId: z.string().min(1).max(64), token: z.string().max(200).optional() });
export type Subscribe = z.infer<typeof SubscribeSchema>;

export const SubscribeAckSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.enum(["invalid_request", "bin_not_found", "unauthorized", "internal_error"]) }),
]);
export type SubscribeAck = z.infer<typeof SubscribeAckSchema>;

export const CaptureDeletedEventSchema = z.object({ binId: z.string(), id: z.string() });
export type CaptureDeletedEvent = z.infer<typeof CaptureDeletedEventSchema>;

export const BinEventSchema = z.object({ binId: z.string() });
export type BinEvent = z.infer<typeof BinEventSchema>;

export const BinAccessEventSchema = z.object({ binId: z.string(), private: z.boolean() });
export type BinAccessEvent = z.infer<typeof BinAccessEventSchema>;

export const CaptureAttemptEventSchema = z.object({ binId: z.string(), id: z.string(), attempt: AttemptSchema });
export type CaptureAttemptEvent = z.infer<typeof CaptureAttemptEventSchema>;

/** Each server → client event's payload schema, for clients that validate what they receive. */
export const serverEventSchemas = {
  "capture:new": CaptureSummarySchema,
  "capture:deleted": CaptureDeletedEventSchema,
  "capture:attempt": CaptureAttemptEventSchema,
  "bin:cleared": BinEventSchema,
  "bin:deleted": BinEventSchema,
  "bin:access": BinAccessEventSchema,
  "refusal:updated": RefusalSchema,
  "replay:progress": ReplayProgressEventSchema,
  "replay:done": ReplayDoneEventSchema,
} as const;

export interface ServerToClientEvents {
  "capture:new": (capture: CaptureSummary) => void;
  "capture:deleted": (event: CaptureDeletedEvent) => void;
  "capture:attempt": (event: CaptureAttemptEvent) => void;
  "bin:cleared": (event: BinEvent) => void;
  "bin:deleted": (event: BinEvent) => void;
  /** The bin was made private or public: subscribers were let go and must subscribe again (with the token, if private). */
  "bin:access": (event: BinAccessEvent) => void;
  /** The bin's refused requests of one reason and minute, counted so far (sent after each write, not per request). */
  "refusal:updated": (refusal: RefusalView) => void;
  /** A send of a replay of this bin ended: the counts so far. */
  "replay:progress": (event: ReplayProgressEvent) => void;
  /** The replay ended: done, cancelled (or interrupted), with its final counts. */
  "replay:done": (event: ReplayDoneEvent) => void;
}

export interface ClientToServerEvents {
  "bin:subscribe": (payload: Subscribe, ack: (answer: SubscribeAck) => void) => void;
  "bin:unsubscribe": (payload: Subscribe, ack: (answer: SubscribeAck) => void) => void;
}
