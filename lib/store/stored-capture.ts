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

/** …and as stored: with its id, its commit order (`seq`, set once committed) and its size. */
export type StoredCapture = NewCapture & { id: string; seq: number; bodySize: number };
