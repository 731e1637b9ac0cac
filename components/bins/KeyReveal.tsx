"use client";

import { CopyButton } from "@/components/CopyButton.tsx";
import { keyLink } from "./manageKeys.ts";

/**
 * A manage key just issued, shown this once: the key, and the inspector link that hands it to
 * another browser (its `#key=` fragment never reaches the server).
 */
export function KeyReveal({ binId, manageKey }: { binId: string; manageKey: string }) {
  const link = keyLink(`${location.origin}/bins/${binId}`, manageKey);
  return (
    <div className="flex flex-col gap-1.5 rounded-md border border-emerald-300 bg-emerald-50 p-2 text-xs text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50" data-testid="key-reveal">
      <p>
        <strong>The bin&apos;s new manage key</strong> — shown this once. This browser keeps it; to give control to another browser, send it the link.
      </p>
      <code className="rounded bg-white px-2 py-1 font-mono break-all dark:bg-slate-900" data-testid="new-manage-key">{manageKey}</code>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={manageKey} label="Copy key" testId="copy-manage-key" />
        <CopyButton text={link} label="Copy link with key" testId="copy-key-link" />
      </div>
    </div>
  );
}
