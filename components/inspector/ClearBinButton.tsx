"use client";

import { useState } from "react";
import { clearBin } from "./api.ts";

/** Two clicks, no native dialog: clearing cannot be undone. */
export function ClearBinButton({ binId, disabled }: { binId: string; disabled: boolean }) {
  const [armed, setArmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function click() {
    if (!armed) {
      setArmed(true);
      setTimeout(() => setArmed(false), 4000);
      return;
    }
    setArmed(false);
    await clearBin(binId).catch((e: Error) => setError(e.message));
  }
  // Armed, it stays white on red when hovered (the plain button's hover would turn it near-white).
  const look = armed
    ? "border-rose-600 bg-rose-600 text-white hover:border-rose-700 hover:bg-rose-700"
    : "border-slate-300 text-rose-700 enabled:hover:bg-slate-100 dark:border-slate-700 dark:text-rose-400 dark:enabled:hover:bg-slate-800";
  return (
    <>
      <button
        type="button"
        onClick={click}
        disabled={disabled}
        data-testid="clear-bin"
        data-armed={armed || undefined}
        className={`rounded-md border px-2.5 py-1 text-xs font-medium whitespace-nowrap disabled:opacity-40 ${look}`}
      >
        {armed ? "Click again to clear all" : "Clear bin"}
      </button>
      {error && <span role="alert" className="text-xs text-rose-600">{error}</span>}
    </>
  );
}
