"use client";

import { useState } from "react";
import { bodyToSend, pairsFromRows, type Draft } from "@/components/resend/draft.ts";
import { BodyEditor } from "./BodyEditor.tsx";
import { HeadersEditor } from "./HeadersEditor.tsx";
import { ResendAnswer, type ResendOutcome } from "./ResendAnswer.tsx";
import { ResignOption } from "./ResignOption.tsx";
import type { Sign } from "@/lib/schemas/signature.ts";
import { COMMON_METHODS } from "@/components/methods.ts";

export const targetKey = (binId: string) => `hookjar:resend-target:${binId}`;

type Props = { binId: string; captureId: string; initial: Draft; onClose: () => void; onSent: () => void };

/** Edit a captured request (or an earlier attempt) and send it to any target through POST /api/resend. */
export function ResendEditor({ binId, captureId, initial, onClose, onSent }: Props) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<ResendOutcome | null>(null);
  const [sign, setSign] = useState<Sign | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  async function send(event: React.FormEvent) {
    event.preventDefault();
    setSending(true);
    localStorage.setItem(targetKey(binId), draft.url);
    try {
      const res = await fetch("/api/resend", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          method: draft.method,
          url: draft.url,
          headers: pairsFromRows(draft.headers),
          body: bodyToSend(draft.body),
          captureId,
          ...(sign && { sign }),
        }),
      });
      const answer = await res.json();
      setOutcome(res.ok ? { ok: true, result: answer } : { ok: false, status: res.status, error: answer.error, message: answer.message });
    } catch {
      setOutcome({ ok: false, status: 0, error: "network_error", message: "Hookjar's server could not be reached." });
    } finally {
      setSending(false);
      onSent();
    }
  }

  return (
    <div
      role="dialog"
      aria-label="Edit and resend"
      className="fixed inset-0 z-40 flex justify-end bg-slate-900/40"
      onClick={onClose}
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      <form
        onSubmit={send}
        onClick={(e) => e.stopPropagation()}
        className="flex h-full w-[min(52rem,100%)] flex-col gap-4 overflow-y-auto bg-white p-5 shadow-xl dark:bg-slate-950"
      >
        <header className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">Edit &amp; resend</h2>
          <button type="button" onClick={onClose} className="text-slate-500 hover:text-slate-900 dark:hover:text-white" aria-label="Close editor">
            ✕
          </button>
        </header>
        <div className="flex gap-2">
          <input
            aria-label="Method"
            list="resend-methods"
            value={draft.method}
            onChange={(e) => set({ method: e.target.value.toUpperCase() })}
            className="w-28 rounded border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm font-semibold dark:border-slate-700 dark:bg-slate-900"
          />
          <datalist id="resend-methods">
            {COMMON_METHODS.map((m) => <option key={m} value={m} />)}
          </datalist>
          <input
            aria-label="Target URL"
            type="url"
            required
            value={draft.url}
            onChange={(e) => set({ url: e.target.value })}
            className="flex-1 rounded border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
          />
          <button type="submit" disabled={sending}
            className="rounded bg-indigo-600 px-4 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
            {sending ? "Sending…" : "Send"}
          </button>
        </div>
        <HeadersEditor rows={draft.headers} onChange={(headers) => set({ headers })} />
        <BodyEditor body={draft.body} onChange={(body) => set({ body })} />
        <ResignOption
          binId={binId}
          headers={pairsFromRows(initial.headers)}
          onChange={setSign}
          signed={outcome?.ok ? (outcome.result.signed ?? null) : null}
        />
        {outcome && <ResendAnswer outcome={outcome} />}
      </form>
    </div>
  );
}
