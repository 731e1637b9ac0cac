"use client";

import { matches } from "@/lib/rules/match.ts";
import { renderTemplate, templateView } from "@/lib/rules/template.ts";
import { RuleSchema } from "@/lib/schemas/rules.ts";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { bodyBytes } from "@/lib/wire/bytes.ts";
import { ruleFromDraft, type RuleDraft } from "./draft.ts";

/** "Test this rule": renders the rule against the selected capture, in the browser, sending nothing. */
export function RulePreview({ draft, capture }: { draft: RuleDraft; capture: CaptureView | null }) {
  if (!capture) return <p className="text-xs text-slate-600 dark:text-slate-400">Select a capture in the list to test this rule against it.</p>;
  const parsed = RuleSchema.safeParse(ruleFromDraft(draft));
  if (!parsed.success) return <p className="text-xs text-rose-600">Fix the fields marked above to preview this rule.</p>;
  const rule = parsed.data;
  const request = { method: capture.method, path: capture.path, query: capture.query, headers: capture.headers, body: bodyBytes(capture.body) };
  const view = templateView(request, capture.id, capture.receivedAt);
  const fits = matches(rule.match, request);
  const fault = rule.fault ? ` — then its fault: ${rule.fault.kind.replace("_", " ")}` : "";
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-2 text-xs dark:border-slate-700 dark:bg-slate-900" data-testid="rule-preview">
      <p className={fits ? "text-emerald-700 dark:text-emerald-400" : "text-amber-700 dark:text-amber-400"}>
        {fits ? `Matches ${capture.method} ${capture.path}${fault}.` : `Does not match ${capture.method} ${capture.path}; shown as if it did.`}
      </p>
      <pre className="mt-1 font-mono whitespace-pre-wrap break-all">
        {`${rule.respond.status}\n${rule.respond.headers.map(([n, v]) => `${n}: ${renderTemplate(v, view)}`).join("\n")}\n\n${renderTemplate(rule.respond.body, view)}`}
      </pre>
    </div>
  );
}
