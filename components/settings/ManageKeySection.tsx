"use client";

import { useState } from "react";
import { ApiRequestError } from "@/components/api/client.ts";
import { KeyReveal } from "@/components/bins/KeyReveal.tsx";
import { useBinContext } from "@/components/inspector/binContext.ts";
import { BUTTON } from "./styles.ts";

/** Who may change the bin, as this browser sees it, and renewing the key (the old one stops working). */
export function ManageKeySection({ binId, gone }: { binId: string; gone: boolean }) {
  const { control } = useBinContext();
  const [issued, setIssued] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function renew() {
    setBusy(true);
    setError(null);
    try {
      setIssued(await control.renew());
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : "The server could not be reached.");
    } finally {
      setBusy(false);
    }
  }
  const state = !control.managed
    ? "None: this bin was made before manage keys, and anyone who knows its address can change or delete it."
    : control.holdsKey
      ? "This browser holds the bin's manage key: it can change the bin. Rotating gives a new key and retires the old one, wherever it was handed on."
      : "This browser does not hold the bin's manage key, so it sees the bin read-only.";
  return (
    <div className="flex flex-col gap-2 text-xs text-slate-700 dark:text-slate-300">
      <p data-testid="settings-key-state">{state}</p>
      {control.canManage && !gone && (
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className={BUTTON} disabled={busy} onClick={renew} data-testid="rotate-manage-key">
            {control.managed ? "Rotate key" : "Protect this bin"}
          </button>
          {error && <span role="alert" className="text-rose-600">{error}</span>}
        </div>
      )}
      {issued && <KeyReveal binId={binId} manageKey={issued} />}
    </div>
  );
}
