"use client";

import { useState } from "react";
import type { ForwardRetryView } from "@/lib/schemas/capture.ts";
import { giveUpForward, retryForwardNow } from "./api.ts";
import { useBinContext } from "./binContext.ts";
import { useNow } from "./useNow.ts";

const BUTTON = "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800";

/** A failed auto-forward waiting for its next try: when it comes, and the user's say over it. */
export function ForwardRetryBar({ binId, captureId, retry, onChanged }: { binId: string; captureId: string; retry: ForwardRetryView; onChanged: () => void }) {
  const now = useNow(1000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { control } = useBinContext();
  const left = Math.ceil((Date.parse(retry.at) - now) / 1000);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  return (
    <div className="mb-2 flex flex-wrap items-center gap-2 rounded border border-amber-300 bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="forward-retry" role="status">
      <span className="min-w-0 flex-1" data-testid="forward-retry-text">
        Forward retrying (try {retry.try} of {retry.of}, {left > 0 ? `next in ${left} s` : "sending now"})
      </span>
      {control.canManage && (
        <>
          <button type="button" className={BUTTON} disabled={busy} onClick={() => void act(() => retryForwardNow(binId, captureId))} data-testid="forward-retry-now">
            Retry now
          </button>
          <button type="button" className={BUTTON} disabled={busy} onClick={() => void act(() => giveUpForward(binId, captureId))} data-testid="forward-give-up">
            Give up
          </button>
        </>
      )}
      {error && <span role="alert" className="w-full text-rose-700 dark:text-rose-300">{error}</span>}
    </div>
  );
}
