import { statusTone } from "@/components/statusTone.ts";
import { bodyBytes, formatBytes, utf8OrNull } from "@/lib/wire/bytes.ts";
import { formatJson } from "@/components/resend/draft.ts";
import type { ResendResult } from "@/lib/schemas/resend.ts";

export type ResendOutcome = { ok: true; result: ResendResult } | { ok: false; status: number; error: string; message: string };

/** What the target answered (or why it could not be reached), shown as text only. */
export function ResendAnswer({ outcome }: { outcome: ResendOutcome }) {
  if (!outcome.ok) {
    return (
      // The message is a sentence for people; the code stays for tools (and tests) to read.
      <div role="alert" data-testid="resend-error" data-code={outcome.error} className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
        {outcome.message}
      </div>
    );
  }
  const { result } = outcome;
  const bytes = bodyBytes(result.body);
  const text = utf8OrNull(bytes);
  const pretty = text === null ? null : formatJson(text);
  return (
    <section data-testid="resend-answer" className="flex flex-col gap-2">
      <div className="flex items-center gap-3 text-sm">
        <span data-testid="resend-status" className={`rounded px-2 py-0.5 font-mono font-bold text-white ${statusTone(result.status)}`}>
          {result.status}
        </span>
        <span>{result.statusText}</span>
        <span className="text-slate-500 dark:text-slate-400">{result.durationMs} ms</span>
        <span className="text-slate-500 dark:text-slate-400">{formatBytes(bytes.length)}{result.body.truncated ? " (truncated at 1 MiB)" : ""}</span>
      </div>
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-500 dark:text-slate-400">{result.headers.length} response headers</summary>
        <table className="mt-1 w-full font-mono">
          <tbody>
            {result.headers.map(([name, value], i) => (
              <tr key={i} className="align-top">
                <td className="pr-3 text-slate-500 dark:text-slate-400">{name}</td>
                <td className="break-all">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {/* Focusable, so a keyboard can scroll a long answer. */}
      <pre data-testid="resend-body" tabIndex={0} aria-label="Response body" className="max-h-72 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs whitespace-pre-wrap break-all dark:bg-slate-900">
        {text === null ? `${bytes.length} bytes of binary data` : pretty?.ok ? pretty.text : text}
      </pre>
    </section>
  );
}
