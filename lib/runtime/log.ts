import pino, { type Logger } from "pino";
import { config } from "./config.ts";

/**
 * The process's one logger: JSON lines on stdout, level from LOG_LEVEL. Call sites pass ids,
 * counts, origins and error messages — never bodies, headers, query strings or tokens.
 */
const logger = pino({ level: config.LOG_LEVEL });
export const log = (): Logger => logger;
