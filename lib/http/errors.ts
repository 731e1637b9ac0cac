import { z } from "zod";
import { AppError } from "../runtime/errors.ts";
import type { ErrorBody, ErrorCode } from "../schemas/error.ts";

/** Errors as answered by the API and the capture path alike: each code's status, and the body people read. */

export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_url: 400,
  target_blocked: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  bin_not_found: 404,
  capture_not_found: 404,
  replay_not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  rate_limited: 429,
  unknown_scheme: 422,
  decoded_too_large: 422,
  undecodable_body: 422,
  internal_error: 500,
  target_unreachable: 502,
  shutting_down: 503,
  database_unavailable: 503,
  target_timeout: 504,
};


/**
 * A refused input: `issues` name each field with one sentence (lib/schemas/messages.ts), and the
 * message is those sentences, one per field, for whoever reads only the message.
 */
export function fromZodError(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
    message: i.message,
  }));
  const perField = new Map<string, string>();
  for (const issue of issues) if (!perField.has(issue.path.join("."))) perField.set(issue.path.join("."), issue.message);
  return new AppError("invalid_request", [...new Set(perField.values())].join(" ") || "The request is not valid.", { issues });
}

export type ErrorAnswer = { status: number; body: ErrorBody & Record<string, unknown>; headers: Record<string, string> };

/** Turns anything thrown into a status, headers and an error body; unknown failures become a 500 without internals. */
export function toErrorResponse(error: unknown): ErrorAnswer {
  if (error instanceof AppError) return { status: ERROR_STATUS[error.code], body: error.body(), headers: error.headers };
  if (error instanceof z.ZodError) return toErrorResponse(fromZodError(error));
  console.error(error);
  return { status: 500, body: { error: "internal_error", message: "Something went wrong on the server." }, headers: {} };
}
