"use client";

import { useEffect, useRef, useState } from "react";
import type { CaptureSummary, CaptureView } from "@/lib/schemas/capture.ts";
import { fetchCapture } from "@/components/inspector/api.ts";
import { CaptureDiff } from "./CaptureDiff.tsx";
import { trapTab } from "./trapTab.ts";

type Props = { binId: string; items: CaptureSummary[]; firstId: string; secondId: string | null; onClose: () => void };

/**
 * Compares two captures in a modal dialog: the platform's <dialog> takes focus, makes the page
 * behind it inert and closes on Escape; trapTab keeps Tab inside. Without a second capture it first asks which one.
 */
export function DiffDialog({ binId, items, firstId, secondId, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [second, setSecond] = useState(secondId);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onKeyDown={trapTab}
      aria-label="Compare captures"
      data-testid="diff-dialog"
      className="m-auto h-[min(90vh,60rem)] w-[min(72rem,96vw)] max-w-none rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:bg-slate-950 dark:text-slate-100"
    >
      <div className="flex h-full flex-col">
        <header className="flex items-center justify-between border-b border-slate-200 px-5 py-3 dark:border-slate-800">
          <h2 className="text-lg font-semibold">Compare captures</h2>
          <button type="button" onClick={() => ref.current?.close()} aria-label="Close comparison" className="text-slate-500 hover:text-slate-900 dark:hover:text-white">
            ✕
          </button>
        </header>
        <div className="min-h-0 flex-1 overflow-auto px-5 py-3">
          {second ? <LoadedDiff binId={binId} ids={[firstId, second]} /> : <Picker items={items.filter((c) => c.id !== firstId)} onPick={setSecond} />}
        </div>
      </div>
    </dialog>
  );
}

function Picker({ items, onPick }: { items: CaptureSummary[]; onPick: (id: string) => void }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">No other capture in the list to compare with.</p>;
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">Compare with… (or shift-click a row in the list)</p>
      <ul className="flex flex-col gap-1" data-testid="diff-picker">
        {items.map((c) => (
          <li key={c.id}>
            <button type="button" onClick={() => onPick(c.id)} className="w-full rounded px-2 py-1 text-left font-mono text-xs hover:bg-slate-100 dark:hover:bg-slate-800" data-id={c.id}>
              {c.method} {c.path}{c.query ? `?${c.query}` : ""} · {c.receivedAt}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function LoadedDiff({ binId, ids }: { binId: string; ids: [string, string] }) {
  const [pair, setPair] = useState<{ left: CaptureView; right: CaptureView } | { error: string } | null>(null);
  const [a, b] = ids;
  useEffect(() => {
    const abort = new AbortController();
    Promise.all([fetchCapture(binId, a, abort.signal), fetchCapture(binId, b, abort.signal)]).then(
      ([x, y]) => {
        if (!x || !y) return setPair({ error: "One of these captures was deleted." });
        // The older delivery on the left, whichever was picked first.
        setPair(x.seq <= y.seq ? { left: x, right: y } : { left: y, right: x });
      },
      (e: Error) => !abort.signal.aborted && setPair({ error: e.message }),
    );
    return () => abort.abort();
  }, [binId, a, b]);
  if (!pair) return <p className="text-sm text-slate-500">Loading…</p>;
  if ("error" in pair) return <p role="alert" className="text-sm text-rose-600">{pair.error}</p>;
  return <CaptureDiff left={pair.left} right={pair.right} />;
}
