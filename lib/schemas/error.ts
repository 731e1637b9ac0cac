import { z } from "zod";

/** Every error code the API and the capture path answer with (docs/api.md); statuses in lib/http/errors.ts. */
export const ERROR_CODES = [
  "invalid_request",
  "invalid_json",
  "invalid_url",
  "target_blocked",
  "unauthorized",
  "forbidden",
  "not_found",
  "bin_not_found",
  "capture_not_found",
  "replay_not_found",
  "method_not_allowed",
  "payload_too_large",
  "rate_limited",
  "unknown_scheme",
  "decoded_too_large",
  "undecodable_body",
  "internal_error",
  "target_unreachable",
  "shutting_down",
  "database_unavailable",
  "target_timeout",
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The one error shape every answer uses: `{ error, message, issues? }`, plus a few code-specific fields. */
export const ErrorBodySchema = z.object({
  error: ErrorCodeSchema,
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  limit: z.number().int().optional().describe("payload_too_large, decoded_too_large: the limit in bytes"),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
