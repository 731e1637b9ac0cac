"use client";

import { useState } from "react";
import { NAME_MAX } from "@/lib/schemas/common.ts";
import { renameBin } from "./api.ts";
import { INPUT, LABEL, PRIMARY } from "./styles.ts";

/** The bin's name (up to NAME_MAX characters; empty removes it). */
export function RenameForm({ binId, initial, disabled, onRenamed }: { binId: string; initial: string | null; disabled: boolean; onRenamed: () => void }) {
  const [name, setName] = useState(initial ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="flex items-end gap-2"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setBusy(true);
        try {
          await renameBin(binId, name);
          onRenamed();
        } catch (err) {
          setError((err as Error).message);
        }
        setBusy(false);
      }}
    >
      <label className={`${LABEL} min-w-0 flex-1`}>
        {/* The section's title says "Name" already. */}
        <span className="sr-only">Bin name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={NAME_MAX} placeholder="Unnamed" className={`${INPUT} font-sans text-sm`} data-testid="settings-name" data-autofocus />
      </label>
      <button type="submit" className={PRIMARY} disabled={disabled || busy} data-testid="settings-rename">
        Rename
      </button>
      {error && <p role="alert" className="text-xs text-rose-600">{error}</p>}
    </form>
  );
}
