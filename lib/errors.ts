import { z } from "zod";

/** The one error shape every API answer uses: `{ error, message, issues? }`. */
export const ErrorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** A failure with an HTTP status that callers may show to a person as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): ErrorBody & Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: "bin" | "capture") =>
  new ApiError(404, `${what}_not_found`, `No ${what} with that id.`);

export function fromZodError(error: z.ZodError, what = "request"): ApiError {
  const issues = error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
    message: i.message,
  }));
  const first = issues[0];
  const where = first && first.path.length ? ` at ${first.path.join(".")}` : "";
  return new ApiError(400, "invalid_request", `Invalid ${what}${where}: ${first?.message ?? "bad input"}`, { issues });
}

/** Turns anything thrown into a status and an error body; unknown failures become a 500 without internals. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody & Record<string, unknown> } {
  if (error instanceof ApiError) return { status: error.status, body: error.body() };
  if (error instanceof z.ZodError) return toErrorResponse(fromZodError(error));
  console.error(error);
  return { status: 500, body: { error: "internal_error", message: "Something went wrong on the server." } };
}
