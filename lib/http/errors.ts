import { z } from "zod";
import type { ErrorBody, ErrorCode } from "../schemas/error.ts";

/** Errors as answered by the API and the capture path alike: a code, its status, a message for people. */

export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_url: 400,
  target_blocked: 400,
  unauthorized: 401,
  not_found: 404,
  bin_not_found: 404,
  capture_not_found: 404,
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

/** A failure with a contract error code; its message may be shown to a person as is. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Headers the answer needs (`Retry-After`, `Allow`…). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  body(): ErrorBody & Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: "bin" | "capture") => new ApiError(`${what}_not_found`, `No ${what} with that id.`);

export function fromZodError(error: z.ZodError, what = "request"): ApiError {
  const issues = error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
    message: i.message,
  }));
  const first = issues[0];
  const where = first && first.path.length ? ` at ${first.path.join(".")}` : "";
  return new ApiError("invalid_request", `Invalid ${what}${where}: ${first?.message ?? "bad input"}`, { issues });
}

export type ErrorAnswer = { status: number; body: ErrorBody & Record<string, unknown>; headers: Record<string, string> };

/** Turns anything thrown into a status, headers and an error body; unknown failures become a 500 without internals. */
export function toErrorResponse(error: unknown): ErrorAnswer {
  if (error instanceof ApiError) return { status: error.status, body: error.body(), headers: error.headers };
  if (error instanceof z.ZodError) return toErrorResponse(fromZodError(error));
  console.error(error);
  return { status: 500, body: { error: "internal_error", message: "Something went wrong on the server." }, headers: {} };
}
