import type { CaptureSummary } from "@/lib/schemas/capture.ts";

// Light tints with dark text: the row's small type must stay readable (white on amber is not).
function tone(status: number): string {
  if (status >= 500) return "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300";
  if (status >= 400) return "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300";
  if (status >= 300) return "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-300";
  return "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-300";
}

/** The status Hookjar answered, on a list row, when it was not the default 200. */
export function AnswerChip({ capture }: { capture: CaptureSummary }) {
  const status = capture.responseStatus;
  if (status === null || status === 200) return null;
  return (
    <span data-testid="answer-chip" title={`Hookjar answered ${status}`} className={`rounded px-1 font-mono font-semibold ${tone(status)}`}>
      ↩ {status}
    </span>
  );
}
