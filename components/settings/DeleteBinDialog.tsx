"use client";

import { useState } from "react";
import { Modal } from "@/components/Modal.tsx";
import { forgetBin } from "@/components/recentBins.ts";
import { deleteBin } from "./api.ts";
import { BUTTON, DANGER, INPUT, LABEL } from "./styles.ts";

/** Deleting cannot be undone: the user types the bin's name (or id, when unnamed) first. */
export function DeleteBinDialog({ binId, name, count, onClose, onDeleted }: { binId: string; name: string | null; count: number; onClose: () => void; onDeleted: () => void }) {
  const expected = name ?? binId;
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal label="Delete this bin" onClose={onClose} testId="delete-dialog" className="mx-auto mt-24 w-[min(26rem,calc(100%-2rem))] rounded-lg">
      <form
        noValidate
        className="flex flex-col gap-3 p-4 text-sm"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await deleteBin(binId);
            forgetBin(binId);
            onDeleted();
          } catch (err) {
            setError((err as Error).message);
            setBusy(false);
          }
        }}
      >
        <h2 className="text-base font-semibold">Delete this bin?</h2>
        <p>
          The bin and its {count.toLocaleString("en")} {count === 1 ? "capture" : "captures"} are deleted for good; its capture URL then answers 404.
        </p>
        <label className={LABEL}>
          <span>
            Type <strong className="font-mono break-all text-slate-900 dark:text-slate-100">{expected}</strong> to confirm
          </span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} className={`${INPUT} text-sm`} data-testid="delete-confirm-input" data-autofocus />
        </label>
        {error && <p role="alert" className="text-xs text-rose-600">{error}</p>}
        <div className="flex justify-end gap-2">
          <button type="button" className={BUTTON} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={DANGER} disabled={typed.trim() !== expected || busy} data-testid="delete-confirm">
            Delete bin
          </button>
        </div>
      </form>
    </Modal>
  );
}
