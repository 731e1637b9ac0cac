"use client";

import { statusTone } from "@/components/statusTone.ts";
import { draftFromAttempt, type Draft } from "@/components/resend/draft.ts";
import type { AttemptView } from "@/lib/schemas/capture.ts";
import { localTimestamp } from "@/components/time.ts";

/**
 * Every resend, auto-forward and replay send of a capture, newest first, each one open to edit
 * again; ✓ marks one whose body bytes were the capture's own (same sha256).
 */
export function AttemptList({ attempts, bodySha256, onEdit }: { attempts: AttemptView[]; bodySha256: string; onEdit: (draft: Draft) => void }) {
  return (
    <ul className="flex flex-col divide-y divide-slate-100 text-[13px] dark:divide-slate-800" data-testid="attempt-list">
      {attempts.map((a) => (
        <li key={a.id} className="flex items-center gap-3 py-1.5" data-testid="attempt">
          <span className={`w-12 shrink-0 rounded px-1.5 py-0.5 text-center font-mono text-xs font-bold text-white ${statusTone(a.status)}`}>
            {a.status ?? "fail"}
          </span>
          <span className="w-16 shrink-0 text-xs uppercase text-slate-500 dark:text-slate-400">
            {a.kind}
            {a.try !== null && <span className="block normal-case" data-testid="attempt-try">try {a.try}</span>}
          </span>
          <span className="min-w-0 flex-1 truncate font-mono" title={`${a.method} ${a.url}`}>
            <span className="font-semibold">{a.method}</span> {a.url}
            {a.error && <span className="block truncate text-xs text-rose-600" title={a.error}>{a.error}</span>}
            <span className="block truncate text-xs text-slate-500 dark:text-slate-400" title={`sha256 of the body sent: ${a.request.sha256}`} data-testid="attempt-sha256">
              sha256 {a.request.sha256.slice(0, 12)}
              {a.request.sha256 === bodySha256 ? <span className="ml-1 text-emerald-700 dark:text-emerald-400" aria-label="same bytes as captured">✓ same bytes</span> : " · body differs"}
            </span>
          </span>
          <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">{a.durationMs} ms</span>
          <time className="hidden shrink-0 text-xs text-slate-500 dark:text-slate-400 xl:inline">{localTimestamp(a.createdAt)}</time>
          <button type="button" onClick={() => onEdit(draftFromAttempt(a))} className="shrink-0 text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Edit again
          </button>
        </li>
      ))}
    </ul>
  );
}
