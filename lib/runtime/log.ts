import pino, { type Logger } from "pino";
import { config } from "./config.ts";
import { single } from "./services.ts";

/**
 * The process's one logger: JSON lines on stdout, level from LOG_LEVEL. Call sites pass ids,
 * counts, origins and error messages — never bodies, headers, query strings or tokens.
 */
export const log = (): Logger => single("logger", () => pino({ level: config.LOG_LEVEL }));
