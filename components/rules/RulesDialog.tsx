"use client";

import { useEffect, useState } from "react";
import { Modal } from "@/components/Modal.tsx";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { api, ApiRequestError } from "@/components/api/client.ts";
import { RulesSchema } from "@/lib/schemas/rules.ts";
import { draftFromRule, fieldErrors, newDraft, ruleFromDraft, type FieldErrors, type RuleDraft } from "./draft.ts";
import { RuleEditor } from "./RuleEditor.tsx";

const BUTTON = "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap enabled:hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:enabled:hover:bg-slate-800";

/** The bin's response rules in a modal dialog, saved through `PUT …/rules` after the API's own schema checked them. */
export function RulesButton({ binId, capture, disabled }: { binId: string; capture: CaptureView | null; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={BUTTON} onClick={() => setOpen(true)} disabled={disabled} data-testid="rules-open" aria-haspopup="dialog">
        Rules
      </button>
      {open && (
        <Modal label="Response rules" onClose={() => setOpen(false)} className="m-auto max-h-[90dvh] w-[min(960px,calc(100%-1rem))] rounded-xl" testId="rules-dialog">
          <RulesForm binId={binId} capture={capture} onDone={() => setOpen(false)} />
        </Modal>
      )}
    </>
  );
}

function RulesForm({ binId, capture, onDone }: { binId: string; capture: CaptureView | null; onDone: () => void }) {
  const [drafts, setDrafts] = useState<RuleDraft[] | null>(null);
  const [errors, setErrors] = useState<{ byRule: FieldErrors; general: string[] }>({ byRule: new Map(), general: [] });
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api("getRules", { params: { id: binId } })
      .then(({ rules }) => rules.map(draftFromRule))
      .then(setDrafts, (e: Error) => setErrors({ byRule: new Map(), general: [`Could not load the rules (${e.message}).`] }));
  }, [binId]);

  const update = (next: RuleDraft[], changed?: string) => {
    setDrafts(next);
    setSaved(false);
    // An edited rule's old complaints no longer hold; saving checks it again.
    if (changed) setErrors((e) => ({ ...e, byRule: new Map([...e.byRule].filter(([key]) => key !== changed)) }));
  };

  async function save() {
    if (!drafts) return;
    const input = { rules: drafts.map(ruleFromDraft) };
    const checked = RulesSchema.safeParse(input);
    if (!checked.success) {
      return setErrors(fieldErrors(drafts, checked.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }))));
    }
    let saved;
    try {
      saved = await api("setRules", { params: { id: binId }, body: checked.data });
    } catch (error) {
      const issues = error instanceof ApiRequestError && error.issues.length ? error.issues : [{ path: [], message: (error as Error).message }];
      return setErrors(fieldErrors(drafts, issues));
    }
    setErrors({ byRule: new Map(), general: [] });
    setDrafts(saved.rules.map(draftFromRule));
    setSaved(true);
  }

  const move = (index: number, by: -1 | 1) => {
    const next = [...drafts!];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    update(next);
  };

  return (
    <form className="flex max-h-[90dvh] flex-col" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id="rules-title" className="text-base font-semibold">Response rules</h2>
        <p className="text-xs text-slate-600 dark:text-slate-400">The first enabled rule that matches answers the sender; otherwise the custom response or the default does.</p>
        <button type="button" onClick={onDone} className={`${BUTTON} ml-auto`} aria-label="Close">Close</button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
        {errors.general.map((message) => <p key={message} role="alert" className="mb-2 text-sm text-rose-600">{message}</p>)}
        {drafts === null ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
        ) : (
          <ol className="flex flex-col gap-3">
            {drafts.map((draft, i) => (
              <RuleEditor
                key={draft.key}
                draft={draft}
                index={i}
                count={drafts.length}
                errors={errors.byRule.get(draft.key) ?? {}}
                capture={capture}
                onChange={(next) => update(drafts.map((d) => (d.key === draft.key ? next : d)), draft.key)}
                onMove={(by) => move(i, by)}
                onRemove={() => update(drafts.filter((d) => d.key !== draft.key))}
              />
            ))}
            {drafts.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No rules: every sender gets the bin’s custom response or the default answer.</p>}
          </ol>
        )}
      </div>
      <footer className="flex items-center gap-2 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
        <button type="button" className={BUTTON} onClick={() => drafts && update([...drafts, newDraft()])} disabled={!drafts} data-testid="rule-add">Add rule</button>
        {saved && <span className="text-xs text-emerald-700 dark:text-emerald-400" role="status">Saved.</span>}
        <button type="submit" className="ml-auto rounded-md bg-slate-900 px-3 py-1.5 text-xs font-semibold text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900" disabled={!drafts} data-testid="rules-save">
          Save rules
        </button>
      </footer>
    </form>
  );
}
