import type { CaptureSummary } from "@/lib/schemas/capture.ts";

/** "dup of …" on a list row that repeats an earlier delivery (same provider delivery id). */
export function DuplicateMarker({ capture }: { capture: CaptureSummary }) {
  if (!capture.duplicateOf) return null;
  return (
    <span
      data-testid="duplicate-marker"
      title={`Duplicate of ${capture.duplicateOf} (delivery ${capture.deliveryId})`}
      className="shrink-0 rounded bg-amber-100 px-1 font-semibold text-amber-800 dark:bg-amber-950 dark:text-amber-300"
    >
      dup of …{capture.duplicateOf.slice(-6)}
    </span>
  );
}
