"use client";

import Link from "next/link";
import { timeAgo } from "@/components/time.ts";
import { useNow } from "@/components/inspector/useNow.ts";
import type { KnownBin } from "./useKnownBins.ts";

/** Remembered bins with what the server says of them: name, captures held, last capture. */
export function KnownBinList({ bins }: { bins: KnownBin[] }) {
  const now = useNow();
  return (
    <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm dark:divide-slate-800 dark:bg-slate-900">
      {bins.map((bin) => (
        <li key={bin.id} data-testid="known-bin" data-id={bin.id}>
          <Link href={bin.href} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
            <span className="flex min-w-0 items-baseline gap-2">
              <span className="truncate font-medium">{bin.name ?? <span className="font-mono text-sm">{bin.id}</span>}</span>
              {bin.private && <span className="rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">Private</span>}
              {bin.holdsKey && (
                <span className="rounded bg-emerald-100 px-1.5 text-xs font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" title="This browser holds the bin's manage key" data-testid="known-bin-key">
                  Yours to change
                </span>
              )}
            </span>
            <span className="shrink-0 text-sm text-slate-600 dark:text-slate-400">
              <span data-testid="known-bin-count">
                {bin.requestCount.toLocaleString("en")} {bin.requestCount === 1 ? "capture" : "captures"}
              </span>
              {" · "}
              {bin.lastActivity ? (
                <time dateTime={bin.lastActivity} title={bin.lastActivity}>
                  last capture {timeAgo(bin.lastActivity, now)}
                </time>
              ) : (
                "none yet"
              )}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
