"use client";

import { useState } from "react";
import { importSettings, settingsUrl } from "./api.ts";
import { BUTTON } from "./styles.ts";

/**
 * The bin's name, custom response, forward and rules as one JSON document: download it to share a
 * mock, or import one (the fields it has are applied; an invalid document changes nothing).
 */
export function SettingsDocument({ binId, disabled, onImported }: { binId: string; disabled: boolean; onImported: () => void }) {
  const [error, setError] = useState<string | null>(null);
  async function load(file: File) {
    setError(null);
    try {
      await importSettings(binId, await file.text());
      // The panel reloads the bin, showing what the file changed.
      onImported();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <div className="flex flex-col gap-2 text-xs text-slate-700 dark:text-slate-300">
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-auto">Name, custom response, forward and rules as one JSON file</span>
        <a href={settingsUrl(binId)} download={`hookjar-settings-${binId}.json`} className={BUTTON} data-testid="settings-download">
          Download
        </a>
        <label className={`${BUTTON} cursor-pointer ${disabled ? "pointer-events-none opacity-40" : ""}`}>
          Import…
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            disabled={disabled}
            data-testid="settings-import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void load(file);
            }}
          />
        </label>
      </div>
      {error && <p role="alert" className="text-rose-600" data-testid="settings-import-error">{error}</p>}
    </div>
  );
}
