"use client";

import type { CaptureSummary, ForwardOutcome } from "@/lib/schemas/capture.ts";
import { useForwardHealthContext } from "./forwardHealth.ts";

/** What went wrong with a forward, as a clause to end a sentence with: the target's status, or why there was none. */
export const forwardProblem = (outcome: ForwardOutcome) =>
  outcome.status !== null ? `the target answered ${outcome.status}` : (outcome.error ?? "no answer").replace(/\.$/, "");

/** "forward failed" on a list row whose latest auto-forward got no answer, or an error status. */
export function ForwardMark({ capture }: { capture: CaptureSummary }) {
  const outcome = useForwardHealthContext().byCapture.get(capture.id) ?? capture.forward;
  if (!outcome || outcome.ok) return null;
  const label = `Forward failed: ${forwardProblem(outcome)}`;
  return (
    <span
      data-testid="forward-failed"
      role="img"
      aria-label={label}
      title={label}
      className="shrink-0 rounded bg-rose-100 px-1 font-semibold whitespace-nowrap text-rose-800 dark:bg-rose-950 dark:text-rose-300"
    >
      ⚠ forward failed
    </span>
  );
}
