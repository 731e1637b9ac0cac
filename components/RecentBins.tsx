"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { recentBins, type RecentBin } from "./recentBins.ts";

export function RecentBins() {
  const [bins, setBins] = useState<RecentBin[]>([]);
  useEffect(() => setBins(recentBins()), []);
  if (bins.length === 0) return null;
  return (
    <section className="w-full max-w-md text-left">
      <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">Your recent bins</h2>
      <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm dark:divide-slate-800 dark:bg-slate-900">
        {bins.map((bin) => (
          <li key={bin.id}>
            <Link href={bin.href} className="flex justify-between gap-3 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
              <span className="truncate font-medium">{bin.name ?? <span className="font-mono text-sm">{bin.id}</span>}</span>
              <time className="shrink-0 text-sm text-slate-500">{new Date(bin.createdAt).toLocaleDateString()}</time>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
