import type { CaptureResponse } from "@/lib/schemas/rules.ts";
import { PairsTable } from "./PairsTable.tsx";
import { Section } from "./Section.tsx";

const FAULTS: Record<NonNullable<CaptureResponse["fault"]>, string> = {
  fail_first: "failed on purpose (fail first)",
  fail_rate: "failed on purpose (fail rate)",
  hang: "held without an answer (hang)",
  reset: "connection reset on purpose",
};

/** What Hookjar answered the sender of this capture, and which rule decided it. */
export function AnsweredSection({ response }: { response: CaptureResponse | null }) {
  if (!response) return null;
  const by = response.forwarded
    ? "the forward target (pass-through)"
    : response.ruleId
      ? `rule “${response.ruleName ?? response.ruleId}”`
      : "the bin’s default answer or custom response";
  return (
    <Section title="Answered" testId="answered">
      <p className="text-sm">
        <span className="font-mono font-semibold" data-testid="answered-status">{response.status ?? "no answer"}</span>
        {response.fault && <span className="ml-2 text-amber-700 dark:text-amber-400">{FAULTS[response.fault]}</span>}
        <span className="ml-2 text-slate-600 dark:text-slate-400" data-testid="answered-by">by {by}</span>
        {response.delayMs > 0 && <span className="ml-2 text-slate-600 dark:text-slate-400">after {response.delayMs} ms</span>}
      </p>
      {response.headers && response.headers.length > 0 && <PairsTable pairs={response.headers} testId="answered-headers" />}
      {response.body && response.body.data && (
        <pre className="mt-2 max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-900" data-testid="answered-body">
          {response.body.encoding === "utf8" ? response.body.data : `(binary, base64) ${response.body.data}`}
          {response.body.truncated && "\n… cut off at 1 MiB"}
        </pre>
      )}
    </Section>
  );
}
