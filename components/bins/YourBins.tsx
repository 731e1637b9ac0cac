"use client";

import { KnownBinList } from "./KnownBinList.tsx";
import { useKnownBins } from "./useKnownBins.ts";

/** Every bin this browser created or opened that still exists and that it may watch. */
export function YourBins() {
  const bins = useKnownBins();
  if (!bins) return <p className="text-sm text-slate-600 dark:text-slate-400">Asking the server about your bins…</p>;
  if (bins.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-bins">
        No bins yet in this browser: bins you create or open are listed here.
      </p>
    );
  }
  return (
    <div data-testid="your-bins">
      <KnownBinList bins={bins} />
    </div>
  );
}
