"use client";

type Props = {
  /** How many are picked, or null while "all that match the filter" stands. */
  picked: number | null;
  /** How many the filter matches, when known. */
  matching: number | null;
  filtering: boolean;
  onAllMatching: () => void;
  onClear: () => void;
  onReplay: () => void;
  disabled: boolean;
};

/** What is selected in the list, and what can be done with it: Replay…. */
export function SelectionBar({ picked, matching, filtering, onAllMatching, onClear, onReplay, disabled }: Props) {
  const text =
    picked !== null
      ? `${picked} selected`
      : `All ${matching === null ? "" : `${matching.toLocaleString("en")} `}${filtering ? "that match the filter" : "captures"}`;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-indigo-200 bg-indigo-50 px-3 py-1.5 text-xs dark:border-indigo-900 dark:bg-indigo-950/60" data-testid="selection-bar">
      <span className="font-medium" data-testid="selection-count" aria-live="polite">
        {text}
      </span>
      {picked !== null && (
        <button type="button" onClick={onAllMatching} className="rounded px-1.5 py-0.5 font-medium text-indigo-700 hover:bg-indigo-100 dark:text-indigo-300 dark:hover:bg-indigo-900" data-testid="select-all-matching">
          {filtering ? "Select all that match the filter" : "Select all"}
        </button>
      )}
      <button type="button" onClick={onClear} className="rounded px-1.5 py-0.5 font-medium text-slate-700 hover:bg-indigo-100 dark:text-slate-300 dark:hover:bg-indigo-900" data-testid="selection-clear">
        Clear
      </button>
      <button
        type="button"
        onClick={onReplay}
        disabled={disabled}
        title={disabled ? "Replaying changes the bin's captures (each keeps its replay): it needs the bin's manage key" : undefined}
        className="ml-auto rounded bg-indigo-600 px-3 py-1 font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
        data-testid="replay-open"
      >
        Replay…
      </button>
    </div>
  );
}
