"use client";

import type { CaptureSummary } from "@/lib/schemas/capture.ts";
import { explain } from "./reasons.ts";
import { useSchemeVerification } from "./verification.ts";

/** ✓ or ✗ on a list row, once the bin has a secret of the capture's own scheme in this browser. */
export function SignatureBadge({ capture }: { capture: CaptureSummary }) {
  const { verification } = useSchemeVerification(capture.binId, capture.id, capture.scheme);
  if (verification?.status !== "checked") return null;
  const { result } = verification;
  const text = explain(result);
  return (
    <span
      data-testid="signature-badge"
      data-valid={result.valid}
      title={text}
      aria-label={text}
      className={`shrink-0 rounded px-1 font-semibold ${result.valid ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" : "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300"}`}
    >
      {result.valid ? "✓ sig" : "✗ sig"}
    </span>
  );
}
