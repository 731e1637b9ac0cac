"use client";

import type { HeaderRow } from "@/components/resend/draft.ts";

const input =
  "rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900 disabled:opacity-50";

export function HeadersEditor({ rows, onChange }: { rows: HeaderRow[]; onChange: (rows: HeaderRow[]) => void }) {
  const update = (i: number, patch: Partial<HeaderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Headers</legend>
      {rows.map((row, i) => (
        <div key={i} className="flex items-center gap-2" data-testid="header-row">
          <input
            type="checkbox"
            checked={row.enabled}
            onChange={(e) => update(i, { enabled: e.target.checked })}
            aria-label={`Send header ${row.name || i + 1}`}
            title={row.enabled ? "Sent" : "Not sent"}
          />
          <input className={`${input} w-28 shrink-0 sm:w-56`} value={row.name} placeholder="Name" aria-label="Header name"
            disabled={!row.enabled} onChange={(e) => update(i, { name: e.target.value })} />
          <input className={`${input} min-w-0 flex-1`} value={row.value} placeholder="Value" aria-label="Header value"
            disabled={!row.enabled} onChange={(e) => update(i, { value: e.target.value })} />
          <button type="button" className="px-1 text-slate-400 hover:text-red-600" aria-label="Remove header"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="self-start text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        onClick={() => onChange([...rows, { enabled: true, name: "", value: "" }])}>
        + Add header
      </button>
    </fieldset>
  );
}
