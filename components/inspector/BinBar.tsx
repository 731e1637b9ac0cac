"use client";

import Link from "next/link";
import { HomeLink } from "@/components/HomeLink.tsx";
import { CopyButton } from "@/components/CopyButton.tsx";
import { RulesButton } from "@/components/rules/RulesDialog.tsx";
import { ThemeToggle } from "@/components/ThemeToggle.tsx";
import { BinSettingsButton } from "@/components/settings/BinSettingsButton.tsx";
import { NotifyToggle } from "@/components/notify/NotifyToggle.tsx";
import type { CaptureFilter, CaptureView } from "@/lib/schemas/capture.ts";
import type { Forward } from "@/lib/schemas/bin.ts";
import { ClearBinButton } from "./ClearBinButton.tsx";
import { ConnectionBadge } from "./ConnectionBadge.tsx";
import { ForwardSettings } from "./ForwardSettings.tsx";
import type { Connection } from "./useLiveBin.ts";

const BUTTON =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap enabled:hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:enabled:hover:bg-slate-800";

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
  /** The list's filters, for exporting what they match. */
  filter: CaptureFilter;
};

/**
 * The top of the inspector, one row on a laptop: the bin, its capture URL, and what controls the
 * whole bin. On a phone the same parts wrap onto a few short lines, nothing wider than the screen.
 */
export function BinBar({ binId, name, shareUrl, forward, captureUrl, connection, paused, heldCount, canClear, onPause, selected, filter }: Props) {
  const gone = connection === "gone";
  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-950">
      <div className="order-1 flex min-w-0 items-center gap-2">
        <HomeLink />
        <Link href="/bins" className="text-xs font-medium whitespace-nowrap text-indigo-700 hover:underline dark:text-indigo-300" data-testid="your-bins-link">
          Your bins
        </Link>
        {name && <span className="max-w-[14rem] truncate text-sm text-slate-600 dark:text-slate-400" data-testid="bin-name">/ {name}</span>}
        {shareUrl && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">Private</span>
        )}
      </div>
      <div className="order-4 flex w-full min-w-0 items-center gap-2 lg:order-2 lg:w-auto lg:flex-1">
        <span className="sr-only">Capture URL</span>
        <code
          data-testid="capture-url"
          title="Capture URL: send requests here"
          className={`min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1 font-mono text-[13px] dark:bg-slate-900 ${gone ? "line-through opacity-60" : ""}`}
        >
          {captureUrl}
        </code>
        <CopyButton text={captureUrl} label="Copy URL" testId="copy-url" />
        {shareUrl && <CopyButton text={shareUrl} label="Copy share link" testId="copy-share-link" />}
      </div>
      <div className="order-3 flex w-full flex-wrap items-center gap-2 sm:order-2 sm:ml-auto sm:w-auto sm:justify-end">
        <ConnectionBadge connection={connection} paused={paused} />
        <button type="button" onClick={() => onPause(!paused)} disabled={gone} className={BUTTON} data-testid="pause-toggle" aria-pressed={paused}>
          {paused ? `Resume live${heldCount ? ` (${heldCount} waiting)` : ""}` : "Pause live"}
        </button>
        <RulesButton binId={binId} capture={selected} disabled={gone} />
        {/* Remounted when the settings panel changed the target, so it shows the new one. */}
        <ForwardSettings key={forward ? `${forward.url} ${forward.enabled} ${forward.mode} ${forward.timeoutMs}` : "none"} binId={binId} captureUrl={captureUrl} initial={forward} disabled={gone} />
        <ClearBinButton binId={binId} disabled={!canClear || gone} />
        {/* On a phone it is in the settings panel: the bar would take a fourth line. */}
        <span className="hidden sm:contents">
          <NotifyToggle />
        </span>
        <BinSettingsButton binId={binId} shareUrl={shareUrl} filter={filter} gone={gone} />
      </div>
      {/* On a phone it sits on the first line, beside the name. */}
      <div className="order-2 ml-auto sm:order-3 sm:ml-0">
        <ThemeToggle />
      </div>
    </header>
  );
}
