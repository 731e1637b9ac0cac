"use client";

import Link from "next/link";
import { useRef, useState } from "react";
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
import { useForwardHealthContext } from "./forwardHealth.ts";
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
  /** This browser may change the bin: without it the bar offers nothing that would be refused. */
  canManage: boolean;
};

/**
 * The top of the inspector, one row on a laptop: the bin, its capture URL, and what controls the
 * whole bin. On a phone it is two short lines — the bin with its live state and a menu button, then
 * the capture URL — and the bin's actions open from the menu, so the list starts near the top.
 */
export function BinBar({ binId, name, shareUrl, forward, captureUrl, connection, paused, heldCount, canClear, onPause, selected, filter, canManage }: Props) {
  const gone = connection === "gone";
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  // Forwarding that fails is news: on a phone the closed menu says so too.
  const { last } = useForwardHealthContext();
  const forwardFailing = Boolean(forward?.enabled && last && !last.ok);
  return (
    <header className="relative flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-slate-200 bg-white px-3 py-1.5 sm:gap-y-2 sm:py-2 dark:border-slate-800 dark:bg-slate-950">
      {/* On a phone it gives way (the name truncates) so the live state and the menu stay beside it. */}
      <div className="order-1 flex min-w-0 flex-1 items-center gap-2 sm:flex-none">
        <HomeLink />
        <Link href="/bins" className="text-xs font-medium whitespace-nowrap text-indigo-700 hover:underline dark:text-indigo-300" data-testid="your-bins-link">
          Your bins
        </Link>
        {name && <span className="min-w-0 max-w-[14rem] truncate text-sm text-slate-600 dark:text-slate-400" data-testid="bin-name">/ {name}</span>}
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
      <div className="order-2 ml-auto flex items-center gap-2 sm:ml-0">
        <ConnectionBadge connection={connection} paused={paused} />
        <button
          ref={menuButton}
          type="button"
          onClick={() => setMenuOpen(!menuOpen)}
          aria-expanded={menuOpen}
          aria-controls="bin-actions"
          className={`${BUTTON} sm:hidden`}
          data-testid="bin-menu"
          data-failing={forwardFailing || undefined}
        >
          <span aria-hidden="true">☰ </span>
          Menu
          {forwardFailing && (
            <>
              <span aria-hidden="true" className="text-rose-700 dark:text-rose-400"> ⚠</span>
              <span className="sr-only">: forwarding is failing</span>
            </>
          )}
        </button>
      </div>
      {/* A panel under the bar on a phone (open from the menu button), the bar's own row on a laptop.
          The dialogs its buttons open live inside it: while one is open the panel is never hidden. */}
      <div
        id="bin-actions"
        data-testid="bin-actions"
        onKeyDown={(e) => {
          // Escape in a dialog opened from here closes that dialog; in the panel itself, the panel.
          if (e.key !== "Escape" || (e.target as HTMLElement).closest("dialog")) return;
          setMenuOpen(false);
          menuButton.current?.focus();
        }}
        className={`${menuOpen ? "flex" : "hidden"} absolute top-full [&:has(dialog[open])]:flex right-2 z-30 mt-1 w-60 flex-col items-stretch gap-2 rounded-md border border-slate-200 bg-white p-2 shadow-lg sm:static sm:order-2 sm:mt-0 sm:ml-auto sm:flex sm:w-auto sm:flex-row sm:flex-wrap sm:items-center sm:justify-end sm:border-0 sm:bg-transparent sm:p-0 sm:shadow-none dark:border-slate-800 dark:bg-slate-950`}
      >
        <button type="button" onClick={() => onPause(!paused)} disabled={gone} className={BUTTON} data-testid="pause-toggle" aria-pressed={paused}>
          {paused ? `Resume live${heldCount ? ` (${heldCount} waiting)` : ""}` : "Pause live"}
        </button>
        {canManage && (
          <>
            <RulesButton binId={binId} capture={selected} disabled={gone} />
            {/* Remounted when the settings panel changed the target, so it shows the new one. */}
            <ForwardSettings key={forward ? `${forward.url} ${forward.enabled} ${forward.mode} ${forward.timeoutMs}` : "none"} binId={binId} captureUrl={captureUrl} initial={forward} disabled={gone} />
            <ClearBinButton binId={binId} disabled={!canClear || gone} />
          </>
        )}
        {/* On a phone it is in the settings panel. */}
        <span className="hidden sm:contents">
          <NotifyToggle />
        </span>
        <BinSettingsButton binId={binId} shareUrl={shareUrl} filter={filter} gone={gone} />
        <ThemeToggle />
      </div>
    </header>
  );
}
