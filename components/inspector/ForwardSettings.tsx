"use client";

import { useState } from "react";
import { Modal } from "@/components/Modal.tsx";
import type { Forward } from "@/lib/schemas/bin.ts";
import { saveForward } from "./api.ts";

const BUTTON = "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/** Auto-forward: every new capture of the bin is sent on to this URL, after its sender is answered. */
export function ForwardSettings({ binId, initial, disabled = false, onSaved }: { binId: string; initial: Forward | null; disabled?: boolean; onSaved?: (forward: Forward | null) => void }) {
  const [forward, setForward] = useState(initial);
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState(initial?.url ?? "");
  const [error, setError] = useState<string | null>(null);
  const active = forward?.enabled ? forward : null;

  async function save(next: Forward | null) {
    setError(null);
    try {
      await saveForward(binId, next);
      setForward(next);
      onSaved?.(next);
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(!open)} disabled={disabled} className={`${BUTTON} disabled:opacity-40`} data-testid="forward-toggle" aria-expanded={open} aria-haspopup="dialog">
        {active ? <>Forwarding → <span className="font-mono">{new URL(active.url).host}</span></> : "Auto-forward"}
      </button>
      {open && (
        <Modal label="Auto-forward" onClose={() => setOpen(false)} className="mx-auto mt-16 w-[min(28rem,calc(100%-2rem))] rounded-lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save({ url, enabled: true });
          }}
          noValidate
          className="flex flex-col gap-2 p-4 text-sm"
          data-testid="forward-form"
        >
          <h2 className="text-base font-semibold">Auto-forward</h2>
          <label className="text-xs font-medium text-slate-600 dark:text-slate-400" htmlFor="forward-url">
            Send each new capture on to (the capture&apos;s sub-path and query are appended)
          </label>
          <input
            id="forward-url"
            type="url"
            required
            placeholder="https://example.com/webhooks"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
          />
          {error && <p role="alert" className="text-xs text-rose-600">{error}</p>}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={BUTTON} onClick={() => setOpen(false)}>
              Cancel
            </button>
            {forward && (
              <button type="button" className={BUTTON} onClick={() => void save(null)} data-testid="forward-remove">
                Stop forwarding
              </button>
            )}
            <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1 text-xs font-semibold text-white hover:bg-indigo-500" data-testid="forward-save">
              Forward
            </button>
          </div>
        </form>
        </Modal>
      )}
    </>
  );
}
