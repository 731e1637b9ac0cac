"use client";

import { useState } from "react";
import { CustomResponseSchema, type CustomResponse } from "@/lib/schemas/bin.ts";
import { headerPairs, numeric } from "@/components/rules/draft.ts";
import { saveResponse } from "./api.ts";
import { previewAnswer } from "./responsePreview.ts";
import { BUTTON, INPUT, LABEL, PRIMARY } from "./styles.ts";

type Draft = { status: string; headers: string; delayMs: string; body: string };

const fromResponse = (r: CustomResponse | null): Draft =>
  r
    ? { status: String(r.status), headers: r.headers.map(([n, v]) => `${n}: ${v}`).join("\n"), delayMs: String(r.delayMs), body: r.body }
    : { status: "200", headers: "Content-Type: application/json", delayMs: "0", body: '{"ok":true}' };

const toInput = (d: Draft) => ({ status: numeric(d.status), headers: headerPairs(d.headers), body: d.body, delayMs: numeric(d.delayMs) });

/** The bin's custom response: what senders get when no rule matches, previewed as it goes on the wire. */
export function ResponseForm({ binId, initial, disabled }: { binId: string; initial: CustomResponse | null; disabled: boolean }) {
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => fromResponse(initial));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const parsed = CustomResponseSchema.safeParse(toInput(draft));

  async function save(next: Draft | null) {
    setError(null);
    setStatus(null);
    try {
      await saveResponse(binId, next && toInput(next));
      setSaved(next && parsed.success ? parsed.data : null);
      if (!next) setDraft(fromResponse(null));
      setStatus(next ? "Saved: senders now get this answer." : "Cleared: senders get the default answer.");
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const field = (name: keyof Draft, label: string, area = false) => (
    <label className={`${LABEL} ${area ? "col-span-2" : ""}`}>
      {label}
      {area ? (
        <textarea rows={3} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} className={INPUT} data-testid={`response-${name}`} />
      ) : (
        <input value={draft[name]} inputMode="numeric" onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} className={INPUT} data-testid={`response-${name}`} />
      )}
    </label>
  );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save(draft);
      }}
      noValidate
      className="flex flex-col gap-2"
      data-testid="response-form"
    >
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="response-current">
        {saved ? `Senders get ${saved.status}${saved.delayMs ? ` after ${saved.delayMs} ms` : ""}` : 'Senders get the default answer: 200 {"ok":true,"id":…}'}
        {" "}when no response rule matches.
      </p>
      <div className="grid grid-cols-2 gap-2">
        {field("status", "Status (200–599)")}
        {field("delayMs", "Delay (ms, 0–30000)")}
        {field("headers", "Headers (Name: value per line)", true)}
        {field("body", "Body", true)}
      </div>
      <AnswerPreviewBox parsed={parsed} />
      {error && <p role="alert" className="text-xs text-rose-600" data-testid="response-error">{error}</p>}
      {status && <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">{status}</p>}
      <div className="flex flex-wrap justify-end gap-2">
        {saved && (
          <button type="button" className={BUTTON} disabled={disabled} onClick={() => void save(null)} data-testid="response-clear">
            Back to the default answer
          </button>
        )}
        <button type="submit" className={PRIMARY} disabled={disabled} data-testid="response-save">
          Save response
        </button>
      </div>
    </form>
  );
}

function AnswerPreviewBox({ parsed }: { parsed: ReturnType<typeof CustomResponseSchema.safeParse> }) {
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return (
      <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="response-preview-invalid">
        {issue.path.join(".")}: {issue.message}
      </p>
    );
  }
  const preview = previewAnswer(parsed.data);
  return (
    <figure className="rounded-md border border-slate-200 bg-slate-50 p-2 dark:border-slate-700 dark:bg-slate-900">
      <figcaption className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-400">
        What a sender gets{preview.delayMs ? `, after ${preview.delayMs} ms` : ""}
      </figcaption>
      <pre className="max-h-48 overflow-auto font-mono text-xs break-all whitespace-pre-wrap" data-testid="response-preview">
        <span className="font-semibold">{preview.statusLine}</span>
        {"\n"}
        {preview.headers.map((h, i) => (
          <span key={i} className={h.added ? "text-slate-500 dark:text-slate-400" : ""}>
            {`${h.name}: ${h.value}\n`}
          </span>
        ))}
        {"\n"}
        {preview.body}
      </pre>
      <p className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">
        Grey headers are added by the server (CORS, length){preview.dropped.length ? `; ${preview.dropped.join(", ")} left to the server` : ""}.
      </p>
    </figure>
  );
}
