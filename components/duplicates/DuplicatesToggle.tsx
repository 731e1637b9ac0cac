import type { CaptureSummary } from "@/lib/schemas/capture.ts";

/** How many loaded captures repeat an earlier delivery, and a switch to list only those. */
export function DuplicatesToggle({ items, only, onChange }: { items: CaptureSummary[]; only: boolean; onChange: (only: boolean) => void }) {
  const count = items.filter((c) => c.duplicateOf).length;
  if (count === 0 && !only) return null;
  return (
    <button
      type="button"
      aria-pressed={only}
      onClick={() => onChange(!only)}
      data-testid="duplicates-toggle"
      className={`rounded-full px-2 py-0.5 font-semibold ${only ? "bg-amber-600 text-white" : "bg-amber-100 text-amber-800 hover:bg-amber-200 dark:bg-amber-950 dark:text-amber-300"}`}
    >
      {only ? "Showing duplicates only" : `${count} ${count === 1 ? "duplicate" : "duplicates"}`}
    </button>
  );
}
