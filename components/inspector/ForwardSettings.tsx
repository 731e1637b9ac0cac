"use client";

import { useState } from "react";
import { CopyButton } from "@/components/CopyButton.tsx";
import { Modal } from "@/components/Modal.tsx";
import type { Forward } from "@/lib/schemas/bin.ts";
import { localTimestamp } from "@/components/time.ts";
import { saveForward } from "./api.ts";
import { forwardProblem } from "./ForwardMark.tsx";
import { useForwardHealthContext } from "./forwardHealth.ts";
import { relayCommand } from "./relayCommand.ts";

const SHAPE = "rounded-md border px-2.5 py-1 text-xs font-medium whitespace-nowrap";
const BUTTON = `${SHAPE} border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800`;
const FAILING = `${SHAPE} border-rose-400 bg-rose-50 text-rose-800 hover:bg-rose-100 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200 dark:hover:bg-rose-900`;

/**
 * Auto-forward: every new capture of the bin is sent on to this URL — after its sender is answered
 * (retried when it fails), or in pass-through mode with the sender waiting for the target's answer.
 * For a target only the user's machine reaches, the panel gives the relay command instead.
 */
export function ForwardSettings({ binId, captureUrl, initial, disabled = false, onSaved }: { binId: string; captureUrl: string; initial: Forward | null; disabled?: boolean; onSaved?: (forward: Forward | null) => void }) {
  const [forward, setForward] = useState(initial);
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState(initial?.url ?? "");
  const [mode, setMode] = useState<Forward["mode"]>(initial?.mode ?? "async");
  const [timeoutS, setTimeoutS] = useState(String((initial?.timeoutMs ?? 10_000) / 1000));
  const relay = relayCommand(captureUrl);
  const [error, setError] = useState<string | null>(null);
  const active = forward?.enabled ? forward : null;
  // The latest forward failed (a later success clears it): the control says so, with the error.
  const { last } = useForwardHealthContext();
  const failing = active && last && !last.ok ? last : null;
  const failure = failing ? `The last forward, to ${new URL(failing.url).host}, failed: ${forwardProblem(failing)}` : undefined;

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
      <button
        type="button"
        onClick={() => setOpen(!open)}
        disabled={disabled}
        className={`${failing ? FAILING : BUTTON} disabled:opacity-40`}
        data-testid="forward-toggle"
        data-failing={failing ? true : undefined}
        aria-expanded={open}
        aria-haspopup="dialog"
        title={failure}
      >
        {failing && <span aria-hidden="true">⚠ </span>}
        {active ? <>Forwarding → <span className="font-mono">{new URL(active.url).host}</span></> : "Auto-forward"}
        {failing && <span className="sr-only">, failing: {forwardProblem(failing)}</span>}
      </button>
      {open && (
        <Modal label="Auto-forward" onClose={() => setOpen(false)} className="mx-auto mt-16 w-[min(28rem,calc(100%-2rem))] rounded-lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save({ url, enabled: true, mode, timeoutMs: Math.round(Number(timeoutS) * 1000) });
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
          <fieldset className="flex flex-col gap-1 text-xs">
            <legend className="mb-1 font-medium text-slate-600 dark:text-slate-400">The sender is answered</legend>
            <label className="flex items-start gap-2">
              <input type="radio" name="forward-mode" value="async" checked={mode === "async"} onChange={() => setMode("async")} data-testid="forward-mode-async" />
              <span>at once, by Hookjar; the forward follows, retried with backoff when it fails</span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="forward-mode" value="pass-through" checked={mode === "pass-through"} onChange={() => setMode("pass-through")} data-testid="forward-mode-pass-through" />
              <span>by the target (pass-through): the sender waits and gets its status, headers and body; 502/504 when it has none</span>
            </label>
          </fieldset>
          <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
            Wait for the target up to
            <input
              type="number"
              min={0.001}
              max={30}
              step="any"
              value={timeoutS}
              onChange={(e) => setTimeoutS(e.target.value)}
              className="w-16 rounded border border-slate-300 bg-white px-1.5 py-0.5 font-mono dark:border-slate-700 dark:bg-slate-950"
              data-testid="forward-timeout"
            />
            s
          </label>
          {failing && (
            <p data-testid="forward-failure" className="rounded border border-rose-300 bg-rose-50 px-2 py-1 text-xs break-words text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100">
              The last forward failed ({localTimestamp(failing.at)}): {forwardProblem(failing)}. Sent to <span className="font-mono break-all">{failing.url}</span>.
            </p>
          )}
          {error && <p role="alert" className="text-xs text-rose-600">{error}</p>}
          <div className="mt-1 flex flex-col gap-1 border-t border-slate-200 pt-2 text-xs dark:border-slate-800">
            <p className="text-slate-600 dark:text-slate-400">
              Target only on your machine? Run the relay there instead (needs Node.js; installs from this server):
            </p>
            <div className="flex items-start gap-2">
              <code className="min-w-0 flex-1 rounded bg-slate-900 px-2 py-1.5 font-mono break-all text-slate-100" data-testid="relay-command">{relay}</code>
              <CopyButton text={relay} label="Copy" testId="copy-relay-command" />
            </div>
          </div>
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
