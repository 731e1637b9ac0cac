"use client";

import { useState } from "react";
import { ApiRequestError } from "@/components/api/client.ts";
import { KeyReveal } from "./KeyReveal.tsx";
import type { BinControl } from "./useBinControl.ts";

const BUTTON = "rounded-md border border-current px-2.5 py-1 text-xs font-semibold whitespace-nowrap hover:bg-white/60 dark:hover:bg-black/20";

/**
 * Under the inspector's bar when this browser cannot change the bin (it is read-only: how to get
 * control), or when anyone can (a bin from before manage keys: protect it).
 */
export function ControlNotice({ binId, control }: { binId: string; control: BinControl }) {
  const [issued, setIssued] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (issued) {
    return (
      <div className="border-b border-emerald-300 px-3 py-2 dark:border-emerald-900">
        <KeyReveal binId={binId} manageKey={issued} />
        <button type="button" onClick={() => setIssued(null)} className="mt-1 text-xs underline" data-testid="dismiss-key">
          I have kept it
        </button>
      </div>
    );
  }
  if (!control.managed) {
    return (
      <div role="status" data-testid="legacy-notice" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-50">
        <span>
          <strong>Anyone who knows this bin&apos;s address can change or delete it</strong> — it was made before manage keys existed.
        </span>
        <button
          type="button"
          className={BUTTON}
          data-testid="protect-bin"
          onClick={() => control.renew().then(setIssued, (e: unknown) => setError(e instanceof ApiRequestError ? e.message : "The server could not be reached."))}
        >
          Protect this bin
        </button>
        {error && <span role="alert" className="text-xs text-rose-700 dark:text-rose-300">{error}</span>}
      </div>
    );
  }
  if (control.canManage) return null;
  return <ReadOnlyNotice control={control} />;
}

function ReadOnlyNotice({ control }: { control: BinControl }) {
  const [pasted, setPasted] = useState("");
  return (
    <div role="status" data-testid="read-only-notice" className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-50">
      <span className="min-w-0 flex-[1_1_20rem]">
        <strong>Read-only.</strong> Changing this bin takes its manage key, which this browser does not hold: open the link with the key (<code>#key=…</code>) from whoever made the bin, or paste the key here.
      </span>
      <form
        className="flex min-w-0 flex-[1_1_16rem] gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (pasted.trim()) control.keep(pasted.trim());
        }}
      >
        <input
          aria-label="Manage key"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          placeholder="Paste the manage key"
          autoComplete="off"
          spellCheck={false}
          className="min-w-0 flex-1 rounded-md border border-sky-400 bg-white px-2 py-1 font-mono text-xs text-slate-900 dark:border-sky-700 dark:bg-slate-900 dark:text-slate-100"
          data-testid="paste-manage-key"
        />
        <button type="submit" className={BUTTON} data-testid="use-manage-key">
          Use key
        </button>
      </form>
    </div>
  );
}
