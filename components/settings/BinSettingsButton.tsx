"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { CaptureFilter } from "@/lib/schemas/capture.ts";
import { BinSettingsDialog } from "./BinSettingsDialog.tsx";
import { BUTTON } from "./styles.ts";

/** Opens the bin's settings; a change the header shows (name, forward) reloads the page's server data. */
export function BinSettingsButton({ binId, shareUrl, filter, gone }: { binId: string; shareUrl: string | null; filter: CaptureFilter; gone: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={BUTTON} aria-haspopup="dialog" aria-expanded={open} data-testid="settings-toggle">
        Settings
      </button>
      {open && <BinSettingsDialog binId={binId} shareUrl={shareUrl} filter={filter} gone={gone} onChanged={() => router.refresh()} onClose={() => setOpen(false)} />}
    </>
  );
}
