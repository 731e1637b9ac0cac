"use client";

import { useEffect, useState } from "react";
import type { CaptureFilter } from "@/lib/schemas/capture.ts";
import { COMMON_METHODS } from "@/components/methods.ts";

// Typing settles before the list asks the server again.
const SETTLE_MS = 300;
const FIELD = "min-w-0 rounded border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900";

/** Narrows the list: method, text in path, query or body, and a header (`name` or `name:value`). */
export function FilterBar({ onChange }: { onChange: (filter: CaptureFilter) => void }) {
  const [method, setMethod] = useState("");
  const [q, setQ] = useState("");
  const [header, setHeader] = useState("");

  useEffect(() => {
    const timer = setTimeout(
      () => onChange({ ...(method && { method }), ...(q.trim() && { q: q.trim() }), ...(header.trim() && { header: header.trim() }) }),
      SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [method, q, header, onChange]);

  return (
    <div className="flex gap-1.5 border-b border-slate-200 px-3 py-2 dark:border-slate-800" role="search">
      <select aria-label="Filter by method" value={method} onChange={(e) => setMethod(e.target.value)} className={`${FIELD} w-24`}>
        <option value="">Any</option>
        {COMMON_METHODS.map((m) => <option key={m}>{m}</option>)}
      </select>
      <input aria-label="Search path, query and body" placeholder="Search path, query, body" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} className={`${FIELD} flex-1`} />
      <input aria-label="Filter by header" placeholder="header[:value]" value={header} onChange={(e) => setHeader(e.target.value)} maxLength={200} className={`${FIELD} w-28`} />
    </div>
  );
}
