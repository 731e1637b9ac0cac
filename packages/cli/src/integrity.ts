import { createHash } from "node:crypto";

/**
 * Proof that the relay delivered the very bytes the bin captured: the SHA-256 of the body it sent,
 * compared with the capture's `bodySha256`. Anything that re-encoded the body on its way through
 * the API (a text decoding, a JSON round trip) would show here as a mismatch.
 */
export function bodyCheck(sent: Uint8Array, bodySha256: string): { same: boolean; text: string } {
  const hash = createHash("sha256").update(sent).digest("hex");
  return hash === bodySha256
    ? { same: true, text: `sha256 ${hash.slice(0, 12)} ✓` }
    : { same: false, text: `sha256 MISMATCH: sent ${hash.slice(0, 12)}…, captured ${bodySha256.slice(0, 12)}…` };
}
