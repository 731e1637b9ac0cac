"use client";

import { NAME_MAX } from "@/lib/schemas/common.ts";
import { useState, type ReactNode } from "react";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import type { DraftField, RuleDraft } from "./draft.ts";
import { RulePreview } from "./RulePreview.tsx";

const INPUT = "w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-900";
const SMALL_BUTTON = "rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800";

type Props = {
  draft: RuleDraft;
  index: number;
  count: number;
  errors: Partial<Record<DraftField | "rule", string>>;
  capture: CaptureView | null;
  onChange: (draft: RuleDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

/** One rule: when it applies, what it answers, and what goes wrong on purpose. */
export function RuleEditor({ draft, index, count, errors, capture, onChange, onMove, onRemove }: Props) {
  const [previewing, setPreviewing] = useState(false);
  const field = (name: DraftField, label: string, props: { placeholder?: string; wide?: boolean; area?: boolean } = {}) => (
    <Field label={label} error={errors[name]} wide={props.wide}>
      {props.area ? (
        <textarea rows={3} value={draft[name]} placeholder={props.placeholder} onChange={(e) => onChange({ ...draft, [name]: e.target.value })} className={INPUT} aria-invalid={!!errors[name]} data-testid={`rule-${name}`} />
      ) : (
        <input value={draft[name]} placeholder={props.placeholder} onChange={(e) => onChange({ ...draft, [name]: e.target.value })} className={INPUT} aria-invalid={!!errors[name]} data-testid={`rule-${name}`} />
      )}
    </Field>
  );
  return (
    <li className={`rounded-lg border p-3 ${draft.enabled ? "border-slate-300 dark:border-slate-600" : "border-dashed border-slate-300 opacity-70 dark:border-slate-700"}`} data-testid="rule">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <span className="text-xs font-semibold text-slate-600 dark:text-slate-400">#{index + 1}</span>
        <input value={draft.name} maxLength={NAME_MAX} placeholder="Rule name" onChange={(e) => onChange({ ...draft, name: e.target.value })} className={`${INPUT} max-w-56 font-sans`} aria-label="Rule name" data-testid="rule-name" />
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => onChange({ ...draft, enabled: e.target.checked })} data-testid="rule-enabled" /> enabled
        </label>
        <span className="ml-auto flex gap-1">
          <button type="button" className={SMALL_BUTTON} onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move rule ${index + 1} up`}>↑</button>
          <button type="button" className={SMALL_BUTTON} onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move rule ${index + 1} down`}>↓</button>
          <button type="button" className={SMALL_BUTTON} onClick={() => setPreviewing(!previewing)} aria-expanded={previewing} data-testid="rule-test">Test this rule</button>
          <button type="button" className={`${SMALL_BUTTON} text-rose-700 dark:text-rose-400`} onClick={onRemove}>Remove</button>
        </span>
      </div>
      {errors.rule && <p role="alert" className="mb-2 text-xs text-rose-600">{errors.rule}</p>}
      <fieldset className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <legend className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-400">When (all that are filled in)</legend>
        {field("method", "Method", { placeholder: "any" })}
        {field("path", "Path glob", { placeholder: "/github/*  or  /**" })}
        {field("header", "Header", { placeholder: "name or name:value" })}
        {field("bodyContains", "Body contains", { placeholder: "text" })}
      </fieldset>
      <fieldset className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
        <legend className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-400">Answer ({"{{method}} {{path}} {{query.x}} {{header.x}} {{json.a.b}} {{captureId}} {{receivedAt}}"})</legend>
        {field("status", "Status")}
        {field("delayMs", "Delay (ms)")}
        {field("headers", "Headers (Name: value per line)", { wide: true, area: true })}
        {field("body", "Body template", { wide: true, area: true })}
      </fieldset>
      <fieldset className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
        <legend className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-400">Fail on purpose</legend>
        <Field label="Fault" error={errors.fault}>
          <select value={draft.fault} onChange={(e) => onChange({ ...draft, fault: e.target.value as RuleDraft["fault"] })} className={INPUT} data-testid="rule-fault">
            <option value="">none</option>
            <option value="fail_first">fail the first n deliveries</option>
            <option value="fail_rate">fail a share at random</option>
            <option value="hang">hang (no answer)</option>
            <option value="reset">reset the connection</option>
          </select>
        </Field>
        {draft.fault === "fail_first" && field("count", "n (per delivery id)")}
        {draft.fault === "fail_rate" && field("rate", "Share (0–1)")}
        {(draft.fault === "fail_first" || draft.fault === "fail_rate") && field("failStatus", "Failure status", { placeholder: draft.fault === "fail_first" ? "503" : "500" })}
      </fieldset>
      {previewing && <div className="mt-2"><RulePreview draft={draft} capture={capture} /></div>}
    </li>
  );
}

function Field({ label, error, wide, children }: { label: string; error?: string; wide?: boolean; children: ReactNode }) {
  return (
    <label className={`flex flex-col gap-0.5 text-xs ${wide ? "col-span-2" : ""}`}>
      <span className="text-slate-600 dark:text-slate-400">{label}</span>
      {children}
      {error && <span role="alert" className="text-rose-600">{error}</span>}
    </label>
  );
}
