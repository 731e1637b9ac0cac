"use client";

import { useEffect, useRef, useState } from "react";
import { Modal } from "@/components/Modal.tsx";
import { bodyToSend, draftBody, pairsFromRows, rowsFromPairs, targetBase, type Draft } from "@/components/resend/draft.ts";
import { BodyEditor } from "./BodyEditor.tsx";
import { HeadersEditor } from "./HeadersEditor.tsx";
import { ResendAnswer, type ResendOutcome } from "./ResendAnswer.tsx";
import { ResignOption } from "./ResignOption.tsx";
import { SamplePicker } from "./SamplePicker.tsx";
import type { Sample } from "@/lib/schemas/sample.ts";
import { api, ApiRequestError } from "@/components/api/client.ts";
import type { ResendRequest } from "@/lib/schemas/resend.ts";
import type { Sign } from "@/lib/schemas/signature.ts";
import { COMMON_METHODS } from "@/components/methods.ts";

export const targetKey = (binId: string) => `hookjar:resend-target:${binId}`;

/** `capturePath`: the sub-path of the capture being resent, left out of the target remembered for the next one. */
type Props = { binId: string; captureId?: string; captureUrl: string; capturePath: string; initial: Draft; onClose: () => void; onSent: () => void };

/** Edit a captured request (or an earlier attempt) and send it to any target through POST /api/resend. */
export function ResendEditor({ binId, captureId, captureUrl, capturePath, initial, onClose, onSent }: Props) {
  const [draft, setDraft] = useState<Draft>(initial);
  // A sample replaces the draft: it is no longer this capture's, so no attempt is kept on it.
  const [sample, setSample] = useState<Sample | null>(null);
  // Each pick mounts a fresh re-sign option, switched on for the sample's scheme.
  const [picks, setPicks] = useState(0);
  const pickSample = (picked: Sample) => {
    setSample(picked);
    setPicks((n) => n + 1);
    setSign(null);
    setOutcome(null);
    setDraft((d) => ({ ...d, method: picked.method, headers: rowsFromPairs(picked.headers), body: draftBody(picked.body) }));
  };
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<ResendOutcome | null>(null);
  const [sign, setSign] = useState<Sign | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  // Where the target came from: the bin's last one, an attempt's own, or nothing yet (a guess would just fail).
  const [source] = useState(() => (initial.url === "" ? null : initial.url === localStorage.getItem(targetKey(binId)) ? "remembered" : "attempt"));
  // After Send the answer is below the form, often below the fold: it is brought into view and focused.
  const answerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!outcome) return;
    answerRef.current?.scrollIntoView({ block: "start" });
    answerRef.current?.focus({ preventScroll: true });
  }, [outcome]);
  const [missingUrl, setMissingUrl] = useState(false);

  async function send(event: React.FormEvent) {
    event.preventDefault();
    // The browser's own check would call a bad port "not a URL": the server names what is wrong.
    if (draft.url.trim() === "") return setMissingUrl(true);
    setMissingUrl(false);
    setSending(true);
    localStorage.setItem(targetKey(binId), targetBase(draft.url, capturePath));
    try {
      const body = { method: draft.method, url: draft.url, headers: pairsFromRows(draft.headers), body: bodyToSend(draft.body), ...(!sample && { captureId }), ...(sign && { sign }) };
      // The draft is sent as typed, valid or not: the API validates it, and its message says what is wrong.
      setOutcome({ ok: true, result: await api("resend", { params: {}, body: body as ResendRequest }, { binId }) });
    } catch (error) {
      setOutcome(
        error instanceof ApiRequestError
          ? { ok: false, status: error.status, error: error.code, message: error.message }
          : { ok: false, status: 0, error: "network_error", message: "Hookjar's server could not be reached." },
      );
    } finally {
      setSending(false);
      onSent();
    }
  }

  return (
    <Modal label="Edit and resend" onClose={onClose} className="ml-auto h-dvh w-[min(52rem,100%)]">
      <form onSubmit={send} noValidate className="flex h-full flex-col gap-4 overflow-y-auto p-4 sm:p-5">
        <header className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">Edit &amp; resend</h2>
          <button type="button" onClick={onClose} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white" aria-label="Close editor">
            ✕
          </button>
        </header>
        <div className="flex flex-wrap gap-2">
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
            aria-describedby="resend-target-hint"
            aria-invalid={missingUrl || undefined}
            type="url"
            required
            data-autofocus={initial.url === "" || undefined}
            placeholder="https://your-server.example/webhooks"
            value={draft.url}
            onChange={(e) => set({ url: e.target.value })}
            className="min-w-48 flex-1 rounded border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
          />
          <button type="submit" disabled={sending}
            className="rounded bg-indigo-600 px-4 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
            {sending ? "Sending…" : "Send"}
          </button>
        </div>
        <p id="resend-target-hint" data-testid="resend-target-hint" className={`-mt-2 text-xs ${missingUrl ? "text-rose-700 dark:text-rose-400" : "text-slate-600 dark:text-slate-400"}`}>
          {missingUrl
            ? "Enter the URL to send this request to."
            : source === "remembered"
              ? "The last target used for this bin (without that capture's path)."
              : source === "attempt"
                ? "Where this attempt was sent."
                : "Where should it go? Your local server, a tunnel or a staging URL: Hookjar sends it from its own server."}
        </p>
        <div className="-mt-1 flex flex-wrap items-center gap-2">
          <SamplePicker onPick={pickSample} />
          {sample && (
            <button
              type="button"
              onClick={() => set({ url: `${captureUrl}${sample.path}` })}
              className="rounded border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              data-testid="sample-into-bin"
            >
              Send into this bin
            </button>
          )}
        </div>
        <HeadersEditor rows={draft.headers} onChange={(headers) => set({ headers })} />
        <BodyEditor body={draft.body} onChange={(body) => set({ body })} />
        <ResignOption
          key={picks}
          suggested={sample?.scheme}
          binId={binId}
          headers={pairsFromRows(initial.headers)}
          onChange={setSign}
          signed={outcome?.ok ? (outcome.result.signed ?? null) : null}
        />
        {outcome && (
          <div ref={answerRef} tabIndex={-1} role="region" aria-label="The target's answer" className="scroll-mt-4 outline-none" data-testid="resend-outcome">
            <ResendAnswer outcome={outcome} />
          </div>
        )}
      </form>
    </Modal>
  );
}
