"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { CaptureFilter } from "@/lib/schemas/capture.ts";
import { BinSettingsDialog } from "./BinSettingsDialog.tsx";
import { BUTTON } from "./styles.ts";

/** Opens the bin's settings; a rename reloads the page's server data so the header shows it. */
export function BinSettingsButton({ binId, shareUrl, filter, gone }: { binId: string; shareUrl: string | null; filter: CaptureFilter; gone: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={BUTTON} aria-haspopup="dialog" aria-expanded={open} data-testid="settings-toggle">
        Settings
      </button>
      {open && <BinSettingsDialog binId={binId} shareUrl={shareUrl} filter={filter} gone={gone} onRenamed={() => router.refresh()} onClose={() => setOpen(false)} />}
    </>
  );
}
