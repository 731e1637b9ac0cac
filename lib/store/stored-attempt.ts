import { Prisma } from "../generated/prisma/client.ts";
import type { AttemptKind } from "../schemas/capture.ts";
import type { HeaderPairs } from "../schemas/common.ts";

/** A resend, auto-forward or replay of a capture as the outbound code hands it to be stored. */
export type NewAttempt = {
  captureId: string;
  kind: AttemptKind;
  method: string;
  url: string;
  requestHeaders: HeaderPairs;
  requestBody: Uint8Array<ArrayBuffer>;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** A forward's try (1, 2, …); absent for other kinds. */
  forwardTry?: number;
  /** When the request went out, when known; else when it is recorded. */
  createdAt?: Date;
  /** The replay a `replay` attempt belongs to. */
  replayId?: string;
};

/** The Attempt table's columns in the order the stores' multi-row INSERTs give them. */
export const ATTEMPT_COLUMNS = Prisma.raw(`("id", "captureId", "kind", "method", "url", "requestHeaders", "requestBody", "status", "error",
  "durationMs", "createdAt", "replayId", "forwardTry")`);
