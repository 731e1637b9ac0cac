import type { VerifyResult } from "@/lib/schemas/signature.ts";

/** Why a signature fails, in words a person debugging a receiver can act on. */
export function explain(result: VerifyResult): string {
  switch (result.reason) {
    case null:
      return "Valid signature";
    case "missing_header":
      return "The signature header is missing";
    case "malformed_header":
      return "The signature header cannot be read";
    case "signature_mismatch":
      return "Signature mismatch: these bytes were not signed with this secret";
    case "body_reformatted":
      return "The secret is right, but the body changed after it was signed: its JSON was re-formatted on the way";
    case "timestamp_outside_tolerance":
      return `Signed ${formatSkew(result.skewS ?? 0)} ${(result.skewS ?? 0) >= 0 ? "before" : "after"} it arrived: outside the tolerance`;
  }
}

function formatSkew(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}
