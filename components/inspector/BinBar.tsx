"use client";

import Link from "next/link";
import { useState } from "react";
import { CopyButton } from "@/components/CopyButton.tsx";
import { RulesButton } from "@/components/rules/RulesDialog.tsx";
import { ThemeToggle } from "@/components/ThemeToggle.tsx";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { clearBin } from "./api.ts";
import type { Forward } from "@/lib/schemas/bin.ts";
import { ConnectionBadge } from "./ConnectionBadge.tsx";
import { ForwardSettings } from "./ForwardSettings.tsx";
import { sampleCurl } from "./sampleCurl.ts";
import type { Connection } from "./useLiveBin.ts";

const BUTTON = "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

type Props = {
  binId: string;
  name: string | null;
  shareUrl: string | null;
  forward: Forward | null;
  captureUrl: string;
  connection: Connection;
  paused: boolean;
  heldCount: number;
  canClear: boolean;
  onPause: (paused: boolean) => void;
  /** The capture a rule can be tested against. */
  selected: CaptureView | null;
};

/** The top of the inspector: the bin's capture URL and what controls the whole bin. */
export function BinBar({ binId, name, shareUrl, forward, captureUrl, connection, paused, heldCount, canClear, onPause, selected }: Props) {
  return (
    <header className="flex flex-col gap-2 border-b border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-950">
      <div className="flex items-center gap-3">
        <Link href="/" className="text-lg font-bold tracking-tight">
          Hookjar
        </Link>
        {name && <span className="truncate text-sm text-slate-500">/ {name}</span>}
        {shareUrl && (
          <span className="flex items-center gap-2">
            <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-800 dark:bg-amber-900 dark:text-amber-200">Private</span>
            <CopyButton text={shareUrl} label="Copy share link" testId="copy-share-link" />
          </span>
        )}
        <div className="ml-auto flex items-center gap-2">
          <ConnectionBadge connection={connection} paused={paused} />
          <button type="button" onClick={() => onPause(!paused)} className={BUTTON} data-testid="pause-toggle" aria-pressed={paused}>
            {paused ? `Resume live${heldCount ? ` (${heldCount} waiting)` : ""}` : "Pause live"}
          </button>
          <RulesButton binId={binId} capture={selected} />
          <ForwardSettings binId={binId} initial={forward} />
          <ClearBinButton binId={binId} disabled={!canClear} />
          <ThemeToggle />
        </div>
      </div>
      <div className="flex items-center gap-2">
        <span className="shrink-0 text-xs font-medium text-slate-500">Capture URL</span>
        <code data-testid="capture-url" className="min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1 font-mono text-sm dark:bg-slate-900">
          {captureUrl}
        </code>
        <CopyButton text={captureUrl} label="Copy URL" testId="copy-url" />
      </div>
      <div className="flex items-center gap-2">
        <span className="shrink-0 text-xs font-medium text-slate-500">Try it</span>
        <code className="min-w-0 flex-1 truncate rounded bg-slate-900 px-2 py-1 font-mono text-xs text-slate-100" data-testid="sample-curl">
          {sampleCurl(captureUrl)}
        </code>
        <CopyButton text={sampleCurl(captureUrl)} label="Copy curl" />
      </div>
    </header>
  );
}

/** Two clicks, no native dialog: clearing cannot be undone. */
function ClearBinButton({ binId, disabled }: { binId: string; disabled: boolean }) {
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
  return (
    <>
      <button
        type="button"
        onClick={click}
        disabled={disabled}
        data-testid="clear-bin"
        className={`${BUTTON} disabled:opacity-40 ${armed ? "border-rose-500 bg-rose-600 text-white hover:bg-rose-500" : "text-rose-700 dark:text-rose-400"}`}
      >
        {armed ? "Click again to clear all" : "Clear bin"}
      </button>
      {error && <span role="alert" className="text-xs text-rose-600">{error}</span>}
    </>
  );
}
