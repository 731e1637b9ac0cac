"use client";

import { useRef, useState, type ChangeEvent } from "react";
import { ApiRequestError } from "@/components/api/client.ts";
import { issuesByField } from "@/components/api/issues.ts";
import { headerPairs, numeric } from "@/components/rules/draft.ts";
import { customAnswer, defaultAnswer, droppedHeaders, type ComposedAnswer } from "@/lib/rules/answer.ts";
import { CustomResponseSchema, type CustomResponse } from "@/lib/schemas/bin.ts";
import { saveResponse } from "./api.ts";
import { answerText, EXAMPLE_CAPTURE_ID } from "./responsePreview.ts";
import { BUTTON, INPUT, LABEL, PRIMARY } from "./styles.ts";

type Draft = { status: string; headers: string; delayMs: string; body: string };
const FIELDS = ["status", "delayMs", "headers", "body"] as const;
type Field = (typeof FIELDS)[number];

const fromResponse = (r: CustomResponse | null): Draft =>
  r
    ? { status: String(r.status), headers: r.headers.map(([n, v]) => `${n}: ${v}`).join("\n"), delayMs: String(r.delayMs), body: r.body }
    : { status: "200", headers: "Content-Type: application/json", delayMs: "0", body: '{"ok":true}' };

const toInput = (d: Draft) => ({ status: numeric(d.status), headers: headerPairs(d.headers), body: d.body, delayMs: numeric(d.delayMs) });
const sameDraft = (a: Draft, b: Draft) => FIELDS.every((f) => a[f] === b[f]);

/**
 * The bin's custom response: what senders get when no rule matches. Each field's problem is one
 * sentence next to it (the schema's own, as the API would say it), and the preview is composed by
 * the very function the capture path answers with.
 */
export function ResponseForm({ binId, initial, disabled }: { binId: string; initial: CustomResponse | null; disabled: boolean }) {
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => fromResponse(initial));
  // What the API refused on the last save, by field, until that field is edited.
  const [refused, setRefused] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // The draft as it is now, for an answer that arrives after further edits.
  const current = useRef(draft);
  current.current = draft;
  const parsed = CustomResponseSchema.safeParse(toInput(draft));
  const checked = parsed.success ? {} : issuesByField(parsed.error.issues, FIELDS).byField;

  async function save(next: Draft | null) {
    setError(null);
    setStatus(null);
    setRefused({});
    try {
      await saveResponse(binId, next && toInput(next));
      setSaved(next && parsed.success ? parsed.data : null);
      if (!next) setDraft(fromResponse(null));
      setStatus(next ? "Saved: senders now get this answer." : "Cleared: senders get the default answer.");
    } catch (e) {
      // Refused, but edited since: what was refused is no longer what the form holds.
      if (next && !sameDraft(current.current, next)) return;
      const { byField, other } = e instanceof ApiRequestError ? issuesByField(e.issues, FIELDS) : { byField: {}, other: [] };
      setRefused(byField);
      // What is said next to a field is not said again here.
      setError(other.length ? other.join(" ") : Object.keys(byField).length ? null : (e as Error).message);
    }
  }

  const field = (name: Field, label: string, area = false) => {
    const problem = refused[name] ?? checked[name];
    const id = `response-${name}`;
    const props = {
      id,
      value: draft[name],
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
        setDraft({ ...draft, [name]: e.target.value });
        setRefused(({ [name]: _, ...rest }) => rest);
      },
      className: INPUT,
      "data-testid": id,
      "aria-invalid": problem ? true : undefined,
      "aria-describedby": problem ? `${id}-error` : undefined,
    };
    return (
      <div className={`${LABEL} ${area ? "col-span-2" : ""}`}>
        <label htmlFor={id}>{label}</label>
        {area ? <textarea rows={3} {...props} /> : <input inputMode="numeric" {...props} />}
        {problem && (
          <p id={`${id}-error`} className="font-normal text-rose-700 dark:text-rose-400" data-testid={`${id}-error`}>
            {problem}
          </p>
        )}
      </div>
    );
  };

  // Unchanged, the preview is what senders get now; edited, what they will get once it is saved.
  const unchanged = sameDraft(draft, fromResponse(saved));
  const shown = unchanged ? saved : parsed.success ? parsed.data : null;

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
      {unchanged || shown ? (
        <AnswerPreview response={shown} pending={!unchanged} />
      ) : (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="response-preview-invalid">
          Fix the fields marked above to see what a sender would get.
        </p>
      )}
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

/**
 * The answer as it goes on the wire, from lib/rules/answer.ts like the capture path's: `response`
 * null is the default answer. A sender's Origin is echoed, so the preview can take one.
 */
function AnswerPreview({ response, pending }: { response: CustomResponse | null; pending: boolean }) {
  const [origin, setOrigin] = useState("");
  const from = origin.trim() || null;
  const answer: ComposedAnswer = response ? customAnswer(response, from) : defaultAnswer(EXAMPLE_CAPTURE_ID, from);
  const { statusLine, headers, body } = answerText(answer);
  const own = new Set((response?.headers ?? []).map(([name]) => name.toLowerCase()));
  const dropped = response ? droppedHeaders(response.headers) : [];
  const delay = response?.delayMs ?? 0;
  return (
    <figure className="rounded-md border border-slate-200 bg-slate-50 p-2 dark:border-slate-700 dark:bg-slate-900" data-testid="response-preview-box" data-pending={pending}>
      <figcaption className="mb-1 flex flex-wrap items-center justify-between gap-2 text-xs font-semibold text-slate-600 dark:text-slate-400">
        <span>
          {pending ? "What a sender will get once you save" : "What a sender gets"}
          {delay ? `, after ${delay} ms` : ""}
        </span>
        <label className="flex items-center gap-1 font-normal">
          sent with Origin
          <input
            value={origin}
            onChange={(e) => setOrigin(e.target.value)}
            placeholder="(none)"
            maxLength={200}
            className="w-40 rounded border border-slate-300 bg-white px-1 py-0.5 font-mono dark:border-slate-600 dark:bg-slate-950"
            data-testid="response-preview-origin"
          />
        </label>
      </figcaption>
      <pre className="max-h-48 overflow-auto font-mono text-xs break-all whitespace-pre-wrap" data-testid="response-preview">
        <span className="font-semibold">{statusLine}</span>
        {"\n"}
        {headers.map((line, i) => (
          <span key={i} className={own.has(answer.headers[i][0].toLowerCase()) ? "" : "text-slate-500 dark:text-slate-400"}>
            {`${line}\n`}
          </span>
        ))}
        {"\n"}
        {body}
      </pre>
      <p className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">
        Grey headers are Hookjar&apos;s (CORS, the body&apos;s length{response ? "" : ", the type"}); Node adds Date and Connection.
        {response ? "" : " Each capture's own id replaces the example one."}
        {dropped.length ? ` ${dropped.join(", ")} left to the server.` : ""}
      </p>
    </figure>
  );
}
