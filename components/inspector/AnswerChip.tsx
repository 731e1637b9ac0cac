import type { CaptureSummary } from "@/lib/schemas/capture.ts";

// Light tints with dark text: the row's small type must stay readable (white on amber is not).
function tone(status: number): string {
  if (status >= 500) return "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300";
  if (status >= 400) return "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300";
  if (status >= 300) return "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-300";
  return "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-300";
}

// A rule that hangs or resets leaves the sender without a status: the row says what it got instead.
const NO_ANSWER = {
  hang: { text: "⏸ hung", title: "Hookjar held the connection without answering (a hang rule)" },
  reset: { text: "✂ reset", title: "Hookjar closed the connection without answering (a reset rule)" },
} as const;

/** The status Hookjar answered, on a list row, when it was not the default 200; or that it never answered. */
export function AnswerChip({ capture }: { capture: CaptureSummary }) {
  const status = capture.responseStatus;
  if (capture.fault === "hang" || capture.fault === "reset") {
    const { text, title } = NO_ANSWER[capture.fault];
    return (
      <span data-testid="answer-chip" data-fault={capture.fault} title={title} aria-label={title} role="img" className="shrink-0 rounded bg-rose-100 px-1 font-semibold whitespace-nowrap text-rose-800 dark:bg-rose-950 dark:text-rose-300">
        {text}
      </span>
    );
  }
  if (status === null || status === 200) return null;
  return (
    <span data-testid="answer-chip" title={`Hookjar answered ${status}`} className={`shrink-0 rounded px-1 whitespace-nowrap font-mono font-semibold ${tone(status)}`}>
      ↩ {status}
    </span>
  );
}
