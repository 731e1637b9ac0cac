"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { forgetBin, recentBins, type RecentBin } from "./recentBins.ts";

/**
 * The bins this browser created. Each is checked with the server first: one that was deleted
 * (here or elsewhere) is dropped instead of leading to a dead page.
 */
export function RecentBins() {
  const [bins, setBins] = useState<RecentBin[] | null>(null);
  useEffect(() => {
    let alive = true;
    const remembered = recentBins();
    Promise.all(
      remembered.map(async (bin) => {
        // A private bin answers 401 without its cookie: it still exists. Only a 404 means gone.
        const res = await fetch(`/api/bins/${encodeURIComponent(bin.id)}`, { cache: "no-store" }).catch(() => null);
        if (res?.status === 404) forgetBin(bin.id);
        return res?.status === 404 ? null : bin;
      }),
    ).then((checked) => alive && setBins(checked.filter((b): b is RecentBin => b !== null)));
    return () => {
      alive = false;
    };
  }, []);
  if (!bins || bins.length === 0) return null;
  return (
    <section className="w-full max-w-md text-left" data-testid="recent-bins">
      <h2 className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Your recent bins</h2>
      <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm dark:divide-slate-800 dark:bg-slate-900">
        {bins.map((bin) => (
          <li key={bin.id}>
            <Link href={bin.href} className="flex justify-between gap-3 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
              <span className="truncate font-medium">{bin.name ?? <span className="font-mono text-sm">{bin.id}</span>}</span>
              <time className="shrink-0 text-sm text-slate-600 dark:text-slate-400">{new Date(bin.createdAt).toLocaleDateString()}</time>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
