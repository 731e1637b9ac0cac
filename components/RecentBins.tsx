"use client";

import Link from "next/link";
import { KnownBinList } from "./bins/KnownBinList.tsx";
import { useKnownBins } from "./bins/useKnownBins.ts";

const SHOWN = 5;

/** The home page's few most recent bins of this browser, with a way to all of them. */
export function RecentBins() {
  const bins = useKnownBins();
  if (!bins || bins.length === 0) return null;
  return (
    <section className="w-full max-w-md text-left" data-testid="recent-bins">
      <div className="mb-2 flex items-baseline justify-between">
        <h2 className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Your recent bins</h2>
        <Link href="/bins" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300" data-testid="all-bins-link">
          All your bins →
        </Link>
      </div>
      <KnownBinList bins={bins.slice(0, SHOWN)} />
    </section>
  );
}
