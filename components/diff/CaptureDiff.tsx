"use client";

import { useState } from "react";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { bodyBytes, formatBytes, utf8OrNull } from "@/lib/wire/bytes.ts";
import { compareBodies, compareHeaders, compareLines, type Change, type JsonChange, type LineRow } from "./compare.ts";
import type { ByteCause, ByteDifference } from "./jsonBytes.ts";

const TONE: Record<Change, string> = {
  same: "text-slate-500 dark:text-slate-400",
  added: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200",
  removed: "bg-rose-50 text-rose-900 dark:bg-rose-950/60 dark:text-rose-200",
  changed: "bg-amber-50 text-amber-900 dark:bg-amber-950/60 dark:text-amber-200",
};
const CELL = "min-w-0 px-2 py-0.5 font-mono text-xs break-all whitespace-pre-wrap";
const SECTION = "mb-2 mt-4 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400";
// One column layout for every part, so left and right values line up from the request line down.
// On a phone the name takes a line of its own above the two values: a narrow name column would
// break header names mid-word.
const GRID = "grid grid-cols-2 gap-px sm:grid-cols-[11rem_1fr_1fr]";
const NAME = "col-span-2 min-w-0 px-2 py-0.5 font-mono text-xs font-semibold wrap-break-word whitespace-pre-wrap sm:col-span-1";

const requestLine = (c: CaptureView) => `${c.method} ${c.path}${c.query ? `?${c.query}` : ""}`;
const show = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

/** Two captures side by side: the older on the left. Payload text is rendered as text, never as HTML. */
export function CaptureDiff({ left, right }: { left: CaptureView; right: CaptureView }) {
  const headers = compareHeaders(left.headers, right.headers);
  const body = compareBodies(left, right);
  const changedHeaders = headers.filter((h) => h.change !== "same").length;
  return (
    <div data-testid="capture-diff">
      <div className={`${GRID} text-xs text-slate-500`}>
        <div className="hidden sm:block" />
        {[left, right].map((c, i) => (
          <div key={c.id} className="min-w-0 px-2 break-all">
            <span className="font-semibold">{i === 0 ? "Older" : "Newer"}</span> {c.receivedAt}
            <div className="font-mono">{c.id}</div>
          </div>
        ))}
      </div>
      <div className={`${GRID} mt-3 ${requestLine(left) === requestLine(right) ? TONE.same : TONE.changed}`}>
        <div className={NAME}>request</div>
        <div className={CELL}>{requestLine(left)}</div>
        <div className={CELL}>{requestLine(right)}</div>
      </div>
      <h3 className={SECTION}>Headers ({changedHeaders} changed)</h3>
      <div className={GRID} data-testid="diff-headers">
        {headers.map((h) => (
          <div key={h.name} className="contents">
            <div className={`${NAME} ${TONE[h.change]}`} data-testid="diff-header" data-change={h.change}>{h.name}</div>
            <div className={`${CELL} ${TONE[h.change]}`}>{h.left ?? "—"}</div>
            <div className={`${CELL} ${TONE[h.change]}`}>{h.right ?? "—"}</div>
          </div>
        ))}
      </div>
      <h3 className={SECTION}>Body</h3>
      {body.kind === "json" && (body.bytes ? <SameJsonOtherBytes difference={body.bytes} left={left} right={right} /> : <JsonChanges changes={body.changes} />)}
      {body.kind === "text" && (body.changed ? <LineRows rows={body.rows} /> : <p className="text-sm text-slate-500">Same body.</p>)}
      {body.kind === "binary" && (
        <div className={`${GRID} ${body.left.sha256 === body.right.sha256 ? TONE.same : TONE.changed}`} data-testid="diff-binary">
          <div className={NAME}>binary</div>
          {[body.left, body.right].map((side, i) => (
            <div key={i} className={CELL}>
              {formatBytes(side.size)} · sha256 {side.sha256}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function LineRows({ rows, testId = "diff-lines" }: { rows: LineRow[]; testId?: string }) {
  return (
    <div className="grid grid-cols-2 gap-px" data-testid={testId}>
      {rows.map((row, i) => (
        <div key={i} className="contents">
          <div className={`${CELL} ${TONE[row.left === null ? "same" : row.change]}`}>{row.left ?? ""}</div>
          <div className={`${CELL} ${TONE[row.right === null ? "same" : row.change]}`}>{row.right ?? ""}</div>
        </div>
      ))}
    </div>
  );
}

const CAUSES: Record<ByteCause, string> = { whitespace: "whitespace", "key order": "key order", escapes: "how strings or numbers are written (escapes)" };
const text = (c: CaptureView) => utf8OrNull(bodyBytes(c.body)) ?? "";

/**
 * Equal JSON in different bytes is what breaks a signature with the right secret (the body was
 * re-formatted on its way), so it is said plainly, and the bytes can be compared line by line.
 */
function SameJsonOtherBytes({ difference, left, right }: { difference: ByteDifference; left: CaptureView; right: CaptureView }) {
  const [open, setOpen] = useState(false);
  const { leftBytes, rightBytes, firstDifferentByte, causes } = difference;
  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="diff-bytes">
      <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
        <strong>Same JSON, different bytes</strong> ({n(leftBytes)} and {n(rightBytes)} bytes, first different at byte {n(firstDifferentByte)}). What
        differs: <span data-testid="diff-bytes-causes">{causes.map((c) => CAUSES[c]).join(", ")}</span>. A signature over one body does not match the
        other.
      </p>
      <div>
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800" data-testid="diff-bytes-toggle">
          {open ? "Hide the byte diff" : "Show the byte diff"}
        </button>
      </div>
      {open && <LineRows rows={compareLines(text(left), text(right))} testId="diff-bytes-lines" />}
    </div>
  );
}

const n = (count: number) => count.toLocaleString("en");

function JsonChanges({ changes }: { changes: JsonChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">Same bytes.</p>;
  return (
    <div className={GRID} data-testid="diff-json">
      {changes.map((c, i) => (
        <div key={i} className="contents">
          <div className={`${NAME} ${TONE[c.change]}`} data-testid="diff-json-path" data-change={c.change}>{c.path}</div>
          <div className={`${CELL} ${TONE[c.change]}`}>{c.change === "added" ? "—" : show(c.left)}</div>
          <div className={`${CELL} ${TONE[c.change]}`}>{c.change === "removed" ? "—" : `${c.change === "changed" ? "→ " : ""}${show(c.right)}`}</div>
        </div>
      ))}
    </div>
  );
}
