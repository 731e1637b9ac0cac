import { Prisma } from "../generated/prisma/client.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import type { CaptureResponse } from "../schemas/rules.ts";

/** A capture as the capture path hands it to the writer. */
export type NewCapture = {
  binId: string;
  method: string;
  path: string;
  query: string;
  headers: HeaderPairs;
  body: Uint8Array<ArrayBuffer>;
  contentType: string | null;
  remoteAddress: string | null;
  httpVersion: string;
  receivedAt: Date;
  /** What the sender is answered (decided before the capture is stored). */
  response: CaptureResponse;
};

/**
 * …and as stored: with its id, its commit order (`seq`, set once committed), its size, and what
 * tells repeat deliveries apart (`duplicateOf` is set by the writer, per batch).
 */
export type StoredCapture = NewCapture & {
  id: string;
  seq: number;
  bodySize: number;
  deliveryId: string | null;
  bodySha256: string;
  duplicateOf: string | null;
};

/** The Capture table's columns in the order the writers' multi-row INSERTs give them. */
export const CAPTURE_COLUMNS = Prisma.raw(`("id", "seq", "binId", "method", "path", "query", "headers", "body", "bodySize",
  "contentType", "remoteAddress", "httpVersion", "receivedAt", "response", "responseStatus", "deliveryId", "bodySha256", "duplicateOf")`);
