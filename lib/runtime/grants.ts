import { config } from "./config.ts";
import { hashToken, secretMatches, tokenMatches } from "./secrets.ts";

/**
 * Who may do what with a bin, from the secrets a caller presents. The capture URL (the bin's id)
 * grants capturing only; reading a private bin takes its view token, its manage key or the admin
 * token; changing a bin takes its manage key or the admin token.
 */

type Secrets = { viewTokenHash: string | null; manageKeyHash: string | null };

const adminHash = config.ADMIN_TOKEN ? hashToken(config.ADMIN_TOKEN) : null;

/** Whether the token is ADMIN_TOKEN (never, when none is set). */
export const isAdmin = (token: string | null | undefined): boolean => adminHash !== null && secretMatches(adminHash, token);

/** Any of the tokens reads the bin. */
export const mayRead = (bin: Secrets, tokens: (string | null | undefined)[]): boolean =>
  bin.viewTokenHash === null || tokens.some((t) => tokenMatches(bin, t) || mayManageWithKey(bin, t));

/** The token is the bin's manage key or the admin token. A bin without a key (made before keys existed) is the caller's to handle. */
export const mayManageWithKey = (bin: Secrets, token: string | null | undefined): boolean =>
  isAdmin(token) || (bin.manageKeyHash !== null && secretMatches(bin.manageKeyHash, token));
