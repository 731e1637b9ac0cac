"use client";

import { useState } from "react";
import { api } from "@/components/api/client.ts";
import { settingsChanges } from "./importChanges.ts";
import { importSettings, settingsUrl } from "./api.ts";
import { BUTTON, PRIMARY } from "./styles.ts";

type Pending = { text: string; changes: string[] };

/**
 * The bin's name, custom response, forward and rules as one JSON document: download it to share a
 * mock, or import one — after seeing what it would change and confirming (the fields it has are
 * applied; an invalid document changes nothing). `applied` is what the last import changed.
 */
export function SettingsDocument({ binId, disabled, applied, onImported }: { binId: string; disabled: boolean; applied: string[] | null; onImported: (changes: string[]) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  async function read(file: File) {
    setError(null);
    setPending(null);
    const text = await file.text();
    let next: unknown;
    try {
      next = JSON.parse(text);
    } catch {
      return setError("The file is not valid JSON.");
    }
    if (!next || typeof next !== "object" || Array.isArray(next)) return setError("The file is not a settings document: it holds no object.");
    try {
      setPending({ text, changes: settingsChanges(await api("exportSettings", { params: { id: binId } }), next as Record<string, unknown>) });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function apply({ text, changes }: Pending) {
    setBusy(true);
    setError(null);
    try {
      await importSettings(binId, text);
      setPending(null);
      // The panel reloads the bin, showing what the file changed, and says what that was.
      onImported(changes);
    } catch (e) {
      setError((e as Error).message);
    }
    setBusy(false);
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
              if (file) void read(file);
            }}
          />
        </label>
      </div>
      {pending && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="settings-import-confirm">
          {pending.changes.length ? (
            <>
              <p className="font-semibold">Importing this file replaces:</p>
              <ul className="my-1 list-disc pl-5" data-testid="settings-import-changes">
                {pending.changes.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>This file changes nothing in this bin.</p>
          )}
          <div className="mt-2 flex justify-end gap-2">
            <button type="button" className={BUTTON} onClick={() => setPending(null)} data-testid="settings-import-cancel">
              Cancel
            </button>
            {pending.changes.length > 0 && (
              <button type="button" className={PRIMARY} disabled={busy} onClick={() => void apply(pending)} data-testid="settings-import-apply">
                Apply these changes
              </button>
            )}
          </div>
        </div>
      )}
      {applied && !pending && (
        <p role="status" className="text-emerald-700 dark:text-emerald-400" data-testid="settings-import-done">
          Imported. Changed: {applied.map((line) => line.split(":")[0].toLowerCase()).join(", ")}.
        </p>
      )}
      {error && <p role="alert" className="text-rose-600" data-testid="settings-import-error">{error}</p>}
    </div>
  );
}
