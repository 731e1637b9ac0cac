import type { ErrorBody, ErrorCode } from "../schemas/error.ts";

/**
 * A failure with a contract error code; its message may be shown to a person as is. Any layer may
 * throw one; which HTTP status it becomes is decided at the edge (lib/http/errors.ts).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Headers the answer needs (`Retry-After`, `Allow`…). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody & Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: "bin" | "capture" | "replay") => new AppError(`${what}_not_found`, `No ${what} with that id.`);
