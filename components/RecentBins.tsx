"use client";

import { KnownBinList } from "./bins/KnownBinList.tsx";
import { useKnownBins } from "./bins/useKnownBins.ts";

const SHOWN = 5;

/** The home page's few most recent bins of this browser (the "Your bins" page has them all). */
export function RecentBins() {
  const bins = useKnownBins();
  if (!bins || bins.length === 0) return null;
  return (
    <section className="w-full max-w-md text-left" data-testid="recent-bins">
      <h2 className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Your recent bins</h2>
      <KnownBinList bins={bins.slice(0, SHOWN)} />
    </section>
  );
}
