import pino, { type Logger } from "pino";
import { config } from "./config.ts";

/**
 * The process's one logger: JSON lines on stdout, level from LOG_LEVEL. Call sites pass ids,
 * counts, origins and error messages — never bodies, headers, query strings or tokens.
 */
// Should a header list or a request ever reach a log line, its credentials do not: the
// Authorization header carries manage keys, view tokens and the admin token.
export const LOG_REDACTION = {
  paths: ["authorization", "*.authorization", "headers.authorization", "*.headers.authorization", "cookie", "*.cookie", "*.headers.cookie"],
  censor: "[redacted]",
};
const logger = pino({ level: config.LOG_LEVEL, redact: LOG_REDACTION });
export const log = (): Logger => logger;
