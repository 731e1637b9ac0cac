"use client";

import { explain } from "./reasons.ts";
import { useSigningSecret } from "./secrets.ts";
import { useVerification } from "./verification.ts";

/** ✓ or ✗ on a list row, once the bin has a secret in this browser and the capture carries a signature. */
export function SignatureBadge({ binId, captureId }: { binId: string; captureId: string }) {
  const [secret] = useSigningSecret(binId);
  const verification = useVerification(binId, captureId, secret);
  if (verification?.status !== "checked") return null;
  const { result } = verification;
  const text = explain(result);
  return (
    <span
      data-testid="signature-badge"
      data-valid={result.valid}
      title={text}
      aria-label={text}
      className={`rounded px-1 font-semibold ${result.valid ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" : "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300"}`}
    >
      {result.valid ? "✓ sig" : "✗ sig"}
    </span>
  );
}
