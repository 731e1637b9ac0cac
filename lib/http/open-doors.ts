import { config } from "../runtime/config.ts";
import { AppError } from "../runtime/errors.ts";
import { isAdmin } from "../runtime/grants.ts";
import { database } from "../store/db.ts";
import type { RateLimit } from "../store/rate-limit.ts";
import { bearerToken } from "./access.ts";
import { requestClient } from "./peer.ts";

/**
 * What a caller may do without any bin's secret: create a bin, and send a free resend (one that
 * records nothing on a capture) — an HTTP client towards any public address, so it is limited per
 * client address, and with CREATE_BINS=admin both need the admin token.
 */

function needAdminWhenRestricted(request: Request, what: string): void {
  if (config.CREATE_BINS === "admin" && !isAdmin(bearerToken(request))) {
    throw new AppError("unauthorized", `This server lets only its operator ${what}: send ADMIN_TOKEN as \`Authorization: Bearer\`.`);
  }
}

export const mayCreateBin = (request: Request) => needAdminWhenRestricted(request, "create bins");

// The store keeps the count where every instance sees it (PostgreSQL), as for captures.
let limiter: Promise<RateLimit> | undefined;
const resendLimiter = () => (limiter ??= database().then((store) => store.rateLimiter(config.RESEND_RATE_PER_MIN)));

export async function mayResendFreely(request: Request): Promise<void> {
  needAdminWhenRestricted(request, "send requests that are not resends of a capture");
  const wait = await (await resendLimiter()).take(`resend:${requestClient(request) ?? "unknown"}`);
  if (wait > 0) {
    throw new AppError(
      "rate_limited",
      `This server sends at most ${config.RESEND_RATE_PER_MIN} free requests a minute per client; retry in ${wait} s.`,
      {},
      { "retry-after": String(wait) },
    );
  }
}
