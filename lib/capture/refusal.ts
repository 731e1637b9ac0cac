import type { IncomingMessage } from "node:http";
import { ApiError } from "../http/errors.ts";
import { REFUSAL_REASONS, type RefusalReason } from "../schemas/refusal.ts";
import { countRefusal } from "../store/refusals.ts";

const isRefusalReason = (code: string): code is RefusalReason => (REFUSAL_REASONS as readonly string[]).includes(code);

/**
 * Too large and rate limited are only thrown once the bin is found: its inspector shows them,
 * counted per minute (lib/store/refusals.ts), without their bodies.
 */
export function keepRefusal(req: IncomingMessage, error: unknown, binId: string, path: string) {
  if (!(error instanceof ApiError) || !isRefusalReason(error.code)) return;
  const declared = Number(req.headers["content-length"]);
  countRefusal({
    binId,
    reason: error.code,
    status: error.status,
    method: req.method ?? "GET",
    path,
    bodySize: Number.isSafeInteger(declared) ? declared : null,
    at: new Date(),
  });
}
