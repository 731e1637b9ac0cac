import type { Rule, RuleInput } from "@/lib/schemas/rules.ts";

/** A rule as the editor holds it: every field as typed, so a half-written number is not lost. */
export type RuleDraft = {
  key: string;
  id?: string;
  name: string;
  enabled: boolean;
  method: string;
  path: string;
  header: string;
  bodyContains: string;
  status: string;
  headers: string;
  body: string;
  delayMs: string;
  fault: "" | "fail_first" | "fail_rate" | "hang" | "reset";
  count: string;
  rate: string;
  failStatus: string;
};

export type DraftField = Exclude<keyof RuleDraft, "key" | "id" | "enabled">;

let keys = 0;
const nextKey = () => `draft-${++keys}`;

export function newDraft(): RuleDraft {
  return {
    key: nextKey(), name: "", enabled: true, method: "", path: "", header: "", bodyContains: "",
    status: "200", headers: "Content-Type: application/json", body: '{"received":"{{captureId}}"}', delayMs: "0",
    fault: "", count: "2", rate: "0.5", failStatus: "",
  };
}

export function draftFromRule(rule: Rule): RuleDraft {
  const fault = rule.fault;
  return {
    key: nextKey(),
    id: rule.id,
    name: rule.name ?? "",
    enabled: rule.enabled,
    method: rule.match.method ?? "",
    path: rule.match.path ?? "",
    header: rule.match.header ?? "",
    bodyContains: rule.match.bodyContains ?? "",
    status: String(rule.respond.status),
    headers: rule.respond.headers.map(([n, v]) => `${n}: ${v}`).join("\n"),
    body: rule.respond.body,
    delayMs: String(rule.respond.delayMs),
    fault: fault?.kind ?? "",
    count: fault?.kind === "fail_first" ? String(fault.count) : "2",
    rate: fault?.kind === "fail_rate" ? String(fault.rate) : "0.5",
    failStatus: fault && "status" in fault ? String(fault.status) : "",
  };
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);
// A field that is not a number stays text, so the schema names the field instead of silently using 0.
export const numeric = (text: string): number | string => (text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text);

/** "Name: value" lines → header pairs; a line without a colon keeps its text as the name, for the schema to refuse. */
export function headerPairs(text: string): [string, string][] {
  return text.split("\n").filter((line) => line.trim()).map((line) => {
    const colon = line.indexOf(":");
    return colon === -1 ? [line.trim(), ""] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
}

/** The draft as the API takes it; validated by the API's own schema (RulesSchema) before saving. */
export function ruleFromDraft(d: RuleDraft): RuleInput {
  const failStatus = optional(d.failStatus) ? numeric(d.failStatus) : undefined;
  const fault =
    d.fault === "fail_first" ? { kind: d.fault, count: numeric(d.count), status: failStatus }
    : d.fault === "fail_rate" ? { kind: d.fault, rate: numeric(d.rate), status: failStatus }
    : d.fault ? { kind: d.fault }
    : undefined;
  return {
    ...(d.id ? { id: d.id } : {}),
    ...(optional(d.name) ? { name: d.name.trim() } : {}),
    enabled: d.enabled,
    match: { method: optional(d.method), path: optional(d.path), header: optional(d.header), bodyContains: optional(d.bodyContains) },
    respond: { status: numeric(d.status), headers: headerPairs(d.headers), body: d.body, delayMs: numeric(d.delayMs) },
    ...(fault ? { fault } : {}),
  } as RuleInput;
}

const FIELD_OF: Record<string, DraftField> = {
  name: "name", "match.method": "method", "match.path": "path", "match.header": "header", "match.bodyContains": "bodyContains",
  "respond.status": "status", "respond.headers": "headers", "respond.body": "body", "respond.delayMs": "delayMs",
  "fault.count": "count", "fault.rate": "rate", "fault.status": "failStatus", "fault.kind": "fault",
};

export type FieldErrors = Map<string, Partial<Record<DraftField | "rule", string>>>;

/** Schema issues (`["rules", i, …]`) as messages next to the field of rule i; keyed by draft key. */
export function fieldErrors(drafts: RuleDraft[], issues: { path: (string | number)[]; message: string }[]): { byRule: FieldErrors; general: string[] } {
  const byRule: FieldErrors = new Map();
  const general: string[] = [];
  for (const issue of issues) {
    const [root, index, ...rest] = issue.path;
    const draft = root === "rules" && typeof index === "number" ? drafts[index] : undefined;
    if (!draft) {
      general.push(issue.message);
      continue;
    }
    const field = FIELD_OF[rest.filter((p) => typeof p === "string").slice(0, 2).join(".")] ?? "rule";
    const errors = byRule.get(draft.key) ?? {};
    errors[field] ??= issue.message;
    byRule.set(draft.key, errors);
  }
  return { byRule, general };
}
