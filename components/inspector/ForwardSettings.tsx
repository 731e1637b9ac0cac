"use client";

import { useState } from "react";
import type { Forward } from "@/lib/schemas/bin.ts";
import { saveForward } from "./api.ts";

const BUTTON = "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/** Auto-forward: every new capture of the bin is sent on to this URL, after its sender is answered. */
export function ForwardSettings({ binId, initial }: { binId: string; initial: Forward | null }) {
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
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div className="relative">
      <button type="button" onClick={() => setOpen(!open)} className={BUTTON} data-testid="forward-toggle" aria-expanded={open}>
        {active ? <>Forwarding → <span className="font-mono">{new URL(active.url).host}</span></> : "Auto-forward"}
      </button>
      {open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save({ url, enabled: true });
          }}
          className="absolute right-0 z-30 mt-2 flex w-[28rem] flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-xl dark:border-slate-700 dark:bg-slate-900"
          data-testid="forward-form"
        >
          <label className="text-xs font-medium text-slate-500" htmlFor="forward-url">
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
          <div className="flex justify-end gap-2">
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
      )}
    </div>
  );
}
