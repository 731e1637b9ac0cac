"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { CaptureFilter } from "@/lib/schemas/capture.ts";
import { REOPEN_SETTINGS } from "./api.ts";
import { BinSettingsDialog } from "./BinSettingsDialog.tsx";
import { BUTTON } from "./styles.ts";

/** Opens the bin's settings; a change the header shows (name, forward) reloads the page's server data. */
export function BinSettingsButton({ binId, shareUrl, filter, gone }: { binId: string; shareUrl: string | null; filter: CaptureFilter; gone: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // A privacy change reloads the page (its new token has to reach the cookie): the panel stays open.
  useEffect(() => {
    const url = new URL(location.href);
    if (!url.searchParams.has(REOPEN_SETTINGS)) return;
    url.searchParams.delete(REOPEN_SETTINGS);
    history.replaceState(history.state, "", url);
    setOpen(true);
  }, []);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={BUTTON} aria-haspopup="dialog" aria-expanded={open} data-testid="settings-toggle">
        Settings
      </button>
      {open && <BinSettingsDialog binId={binId} shareUrl={shareUrl} filter={filter} gone={gone} onChanged={() => router.refresh()} onClose={() => setOpen(false)} />}
    </>
  );
}
