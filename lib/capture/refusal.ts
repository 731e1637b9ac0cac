import type { IncomingMessage } from "node:http";
import { ERROR_STATUS } from "../http/errors.ts";
import { AppError } from "../runtime/errors.ts";
import { REFUSAL_REASONS, type RefusalReason } from "../schemas/refusal.ts";
import { countRefusal } from "../store/refusals.ts";

const isRefusalReason = (code: string): code is RefusalReason => (REFUSAL_REASONS as readonly string[]).includes(code);

/**
 * Too large and rate limited are only thrown once the bin is found: its inspector shows them,
 * counted per minute (lib/store/refusals.ts), without their bodies.
 */
export function keepRefusal(req: IncomingMessage, error: unknown, binId: string, path: string) {
  if (!(error instanceof AppError) || !isRefusalReason(error.code)) return;
  const declared = Number(req.headers["content-length"]);
  countRefusal({
    binId,
    reason: error.code,
    status: ERROR_STATUS[error.code],
    method: req.method ?? "GET",
    path,
    bodySize: Number.isSafeInteger(declared) ? declared : null,
    at: new Date(),
  });
}
