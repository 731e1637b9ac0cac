import { createHash, timingSafeEqual } from "node:crypto";

/** Secrets are kept only as sha256 hashes and compared in constant time. */

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Whether `token` is the secret whose hash is `hash`; equal-length digests, so the comparison takes the same time whatever is sent. */
export function secretMatches(hash: string, token: string | null | undefined): boolean {
  if (!token) return false;
  return timingSafeEqual(Buffer.from(hashToken(token), "hex"), Buffer.from(hash, "hex"));
}

/** A public bin (no view token hash) is readable by anyone; a private one by its view token. */
export function tokenMatches(bin: { viewTokenHash: string | null }, token: string | null | undefined): boolean {
  return bin.viewTokenHash === null || secretMatches(bin.viewTokenHash, token);
}
