"use client";

import { useState } from "react";
import { CopyButton } from "@/components/CopyButton.tsx";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { targetKey } from "@/components/resend/ResendEditor.tsx";
import { draftFromCapture, type Draft } from "@/components/resend/draft.ts";
import { toCurl, toFetch } from "@/components/inspector/snippets.ts";
import { bodyUrl, deleteCapture } from "./api.ts";
import { useBinContext } from "./binContext.ts";

const BUTTON = "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

type Props = { capture: CaptureView; captureUrl: string; onEdit: (draft: Draft) => void; onCompare: () => void };

/** What can be done with the open capture. */
export function DetailActions({ capture, captureUrl, onEdit, onCompare }: Props) {
  const [error, setError] = useState<string | null>(null);
  const { gone, viewToken, control } = useBinContext();
  async function remove() {
    setError(null);
    // The list drops the row when the server announces the deletion, in every open inspector.
    await deleteCapture(capture.binId, capture.id).catch((e: Error) => setError(e.message));
  }
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="detail-actions">
      <button
        type="button"
        onClick={() => onEdit(draftFromCapture(capture, localStorage.getItem(targetKey(capture.binId))))}
        disabled={gone}
        className="rounded-md bg-indigo-600 px-2.5 py-1 text-xs font-semibold whitespace-nowrap text-white hover:bg-indigo-500 disabled:opacity-40"
        data-testid="edit-resend"
      >
        Edit &amp; resend
      </button>
      <button type="button" onClick={onCompare} className={BUTTON} data-testid="compare">
        Compare with…
      </button>
      <CopyButton getText={() => toCurl(capture, captureUrl, viewToken)} label="Copy as cURL" testId="copy-curl" />
      <CopyButton getText={() => toFetch(capture, captureUrl)} label="Copy as fetch" testId="copy-fetch" />
      {capture.bodySize > 0 && !gone && (
        <a href={bodyUrl(capture.binId, capture.id)} download className={BUTTON} data-testid="download-body">
          Download body
        </a>
      )}
      {control.canManage && (
        <button type="button" onClick={remove} disabled={gone} className={`${BUTTON} text-rose-700 disabled:opacity-40 dark:text-rose-400`} data-testid="delete-capture">
          Delete
        </button>
      )}
      {error && <span role="alert" className="text-xs text-rose-600">{error}</span>}
    </div>
  );
}
