"use client";

import { useState } from "react";
import { formatBytes } from "@/lib/wire/bytes.ts";
import type { RefusalView } from "@/lib/schemas/refusal.ts";
import { localTimestamp } from "@/components/time.ts";
import { reasonLabel } from "./refusals.ts";

const n = (count: number) => count.toLocaleString("en");
// The minute a row counts, in local time: 12:03.
const minuteOf = (iso: string) => localTimestamp(iso).slice(11, 16);

/**
 * Requests the bin refused (too large, rate limited): not captures, so no body and nothing to open,
 * one compact line per reason and minute with its count. Collapsible, above the capture list.
 */
export function RefusedStrip({ rows }: { rows: RefusalView[] }) {
  const [open, setOpen] = useState(true);
  if (rows.length === 0) return null;
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return (
    <section aria-label="Refused requests" data-testid="refused-strip" className="border-b border-slate-200 bg-amber-50/60 text-xs dark:border-slate-800 dark:bg-amber-950/20">
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-controls="refused-rows"
        data-testid="refused-toggle"
        className="flex w-full items-center gap-2 px-3 py-1.5 text-left font-medium text-amber-900 hover:bg-amber-100/70 dark:text-amber-200 dark:hover:bg-amber-900/30"
      >
        <span aria-hidden="true" className={`inline-block transition-transform ${open ? "rotate-90" : ""}`}>▸</span>
        <span>
          Refused · {n(total)} {total === 1 ? "request" : "requests"}, not stored
        </span>
      </button>
      {open && (
        <ul id="refused-rows" className="max-h-32 overflow-y-auto pb-1">
          {rows.map((row) => (
            <RefusedRow key={row.id} row={row} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RefusedRow({ row }: { row: RefusalView }) {
  const size = row.bodySize === null ? "size not declared" : formatBytes(row.bodySize);
  const detail =
    `${row.count === 1 ? "1 request" : `${n(row.count)} requests`} refused with ${row.status} (${reasonLabel(row.reason)}) ` +
    `between ${localTimestamp(row.firstAt)} and ${localTimestamp(row.lastAt)}; latest ${row.method} ${row.path}, ${size}. Bodies are not kept.`;
  return (
    <li data-testid="refused-row" data-id={row.id} data-reason={row.reason} title={detail} className="flex min-w-0 items-center gap-1.5 px-3 py-0.5 text-slate-700 dark:text-slate-300">
      <span className="sr-only">{detail}</span>
      <span aria-hidden="true" className="flex min-w-0 flex-1 items-center gap-1.5">
        <span className="shrink-0 rounded bg-rose-100 px-1 font-mono font-semibold text-rose-800 dark:bg-rose-950 dark:text-rose-300">{row.status}</span>
        <span className="shrink-0">{reasonLabel(row.reason)}</span>
        <span className="shrink-0">·</span>
        <span className="shrink-0 font-semibold tabular-nums" data-testid="refused-count">
          {n(row.count)}×
        </span>
        <span className="shrink-0">·</span>
        <span className="min-w-0 truncate font-mono">
          {row.method} {row.path}
        </span>
        {row.bodySize !== null && <span className="shrink-0">· {formatBytes(row.bodySize)}</span>}
        <time dateTime={row.lastAt} suppressHydrationWarning className="ml-auto shrink-0 pl-1 tabular-nums text-slate-500 dark:text-slate-400">
          {minuteOf(row.minute)}
        </time>
      </span>
    </li>
  );
}
