import { createHash, timingSafeEqual } from "node:crypto";

/** Secrets are kept only as sha256 hashes and compared in constant time. */

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function tokenMatches(bin: { viewTokenHash: string | null }, token: string | null | undefined): boolean {
  if (bin.viewTokenHash === null) return true;
  if (!token) return false;
  const given = Buffer.from(hashToken(token), "hex");
  return timingSafeEqual(given, Buffer.from(bin.viewTokenHash, "hex"));
}
