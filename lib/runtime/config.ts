import { z } from "zod";
import { parseTrustProxy } from "./trust-proxy.ts";

const booleanFlag = z.enum(["true", "false"]).transform((v) => v === "true");

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().min(1).default("file:./data/hookjar.db"),
  PUBLIC_URL: z.url().optional(),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  MAX_CAPTURES_PER_BIN: z.coerce.number().int().positive().default(1000),
  // 0 turns these off.
  RATE_LIMIT_PER_MIN: z.coerce.number().int().min(0).default(0),
  RETENTION_DAYS: z.coerce.number().min(0).default(0),
  // How long a `hang` fault holds a sender before the server closes the connection.
  HANG_MAX_MS: z.coerce.number().int().min(1).max(3_600_000).default(120_000),
  RESEND_ALLOW_PRIVATE: booleanFlag.optional(),
  // Retries of a failed auto-forward, after 1, 2, 4, 8, 16… s; 0 sends each capture once.
  FORWARD_RETRIES: z.coerce.number().int().min(0).max(10).default(5),
  // Checked as it is parsed: a proxy setting that silently meant nothing would trust the wrong hops.
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  METRICS_TOKEN: z.string().min(1).optional(),
  // Acts as every bin's manage key and view token, and opens GET /api/admin/bins. Short ones are
  // refused: it guards every bin at once.
  ADMIN_TOKEN: z.string().min(16, "ADMIN_TOKEN must be at least 16 characters").optional(),
  // Who may create bins: anyone, or only holders of ADMIN_TOKEN (then free resends need it too).
  CREATE_BINS: z.enum(["anyone", "admin"]).default("anyone"),
  // Free resends (no captureId) per client address and minute; 0 turns the limit off.
  RESEND_RATE_PER_MIN: z.coerce.number().int().min(0).default(60),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HOOKJAR_BINS_FILE: z.string().min(1).optional(),
});

export type Config = z.infer<typeof EnvSchema>;

/** Reads the environment once per call; a bad value stops the server with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid configuration: ${problems.join("; ")}`);
  }
  // Nobody could create a bin: refused at start rather than found out by the first user.
  if (parsed.data.CREATE_BINS === "admin" && !parsed.data.ADMIN_TOKEN) {
    throw new Error("invalid configuration: CREATE_BINS=admin needs ADMIN_TOKEN, or nobody can create a bin");
  }
  return parsed.data;
}

// A bad setting stops the process with one line naming it, not a stack trace.
export const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    console.error(`Hookjar cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
})();
