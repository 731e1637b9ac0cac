"use client";

import { useState } from "react";
import { formatBytes, HEX_ROW, hexRow, hexRowCount } from "@/lib/wire/bytes.ts";

const STEP_ROWS = 2048;

/** A hex dump; long bodies are shown 32 KB at a time so the page stays responsive. */
export function HexView({ bytes }: { bytes: Uint8Array }) {
  const [shown, setShown] = useState(STEP_ROWS);
  const total = hexRowCount(bytes);
  const lines = [];
  for (let row = 0; row < Math.min(total, shown); row++) {
    const { offset, hex, ascii } = hexRow(bytes, row);
    lines.push(
      <div key={row} className="whitespace-pre">
        <span className="text-slate-400 select-none dark:text-slate-500">{offset}  </span>
        <span>{hex}</span>
        <span className="text-slate-500 dark:text-slate-400">  |{ascii}|</span>
      </div>,
    );
  }
  return (
    <div className="overflow-x-auto font-mono text-[12px] leading-5" data-testid="hex-view">
      {lines}
      {total > shown && (
        <button type="button" onClick={() => setShown(shown + STEP_ROWS)} className="mt-2 text-xs text-indigo-600 underline dark:text-indigo-400">
          Show {formatBytes(STEP_ROWS * HEX_ROW)} more ({formatBytes(bytes.length - shown * HEX_ROW)} left)
        </button>
      )}
    </div>
  );
}
