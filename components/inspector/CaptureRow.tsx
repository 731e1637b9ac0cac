import { memo } from "react";
import { formatBytes } from "@/lib/wire/bytes.ts";
import type { CaptureSummary } from "@/lib/schemas/capture.ts";
import { timeAgo } from "@/components/time.ts";
import { DuplicateMarker } from "@/components/duplicates/DuplicateMarker.tsx";
import { SignatureBadge } from "@/components/signature/SignatureBadge.tsx";
import { AnswerChip } from "./AnswerChip.tsx";
import { ForwardMark } from "./ForwardMark.tsx";
import { MethodBadge } from "./MethodBadge.tsx";

export const ROW_HEIGHT = 44;

type Props = {
  capture: CaptureSummary;
  top: number;
  selected: boolean;
  unread: boolean;
  fresh: boolean;
  now: number;
  onSelect: (id: string) => void;
  /** Checked for a replay (or another action on several captures). */
  checked: boolean;
  onCheck: (id: string, shift: boolean) => void;
};

export const CaptureRow = memo(function CaptureRow({ capture, top, selected, unread, fresh, now, onSelect, checked, onCheck }: Props) {
  const target = capture.path + (capture.query ? `?${capture.query}` : "");
  const tone = selected
    ? "bg-indigo-50 dark:bg-indigo-950/70 border-l-indigo-500"
    : "border-l-transparent hover:bg-slate-100 dark:hover:bg-slate-900";
  return (
    <div
      role="option"
      aria-selected={selected}
      data-testid="capture-row"
      data-id={capture.id}
      data-fresh={fresh || undefined}
      onClick={() => onSelect(capture.id)}
      style={{ top, height: ROW_HEIGHT }}
      className={`absolute inset-x-0 flex cursor-pointer flex-col justify-center gap-0.5 border-b border-l-4 border-b-slate-200 px-3 dark:border-b-slate-800 ${tone} ${fresh ? "capture-fresh" : ""}`}
    >
      <div className="flex min-w-0 items-center gap-2">
        {/* A box for the pointer only: an option may hold no control of its own (the list is one tab
            stop). The keyboard checks the open capture with "x"; the option's text says it is checked. */}
        <span
          aria-hidden="true"
          title="Select for replay (shift-click: a range)"
          onClick={(e) => {
            e.stopPropagation();
            onCheck(capture.id, e.shiftKey);
          }}
          className={`flex h-4 w-4 shrink-0 items-center justify-center rounded-sm border text-[10px] leading-none font-bold ${checked ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-400 bg-white dark:border-slate-500 dark:bg-slate-900"}`}
          data-testid="capture-check"
          data-checked={checked || undefined}
          data-select
        >
          {checked ? "✓" : ""}
        </span>
        {checked && <span className="sr-only">(checked for replay)</span>}
        <MethodBadge method={capture.method} />
        <span className="truncate font-mono text-[13px] leading-5" title={target} data-testid="capture-target">
          {target}
        </span>
      </div>
      {/* One line whatever it holds: marks keep their size, the content type gives way first. */}
      <div className="flex min-w-0 items-center gap-2 overflow-hidden pl-1 text-xs leading-4 whitespace-nowrap text-slate-600 dark:text-slate-400" data-testid="capture-marks">
        {unread && <span className="h-2 w-2 shrink-0 rounded-full bg-indigo-500" aria-label="unread" />}
        <SignatureBadge capture={capture} />
        <DuplicateMarker capture={capture} />
        <AnswerChip capture={capture} />
        <ForwardMark capture={capture} />
        {/* Server and browser clocks differ by the time it took to load the page. */}
        <time dateTime={capture.receivedAt} title={capture.receivedAt} className="shrink-0" suppressHydrationWarning>
          {timeAgo(capture.receivedAt, now)}
        </time>
        <span>·</span>
        <span>{formatBytes(capture.bodySize)}</span>
        {capture.contentType && (
          <>
            <span>·</span>
            <span className="min-w-0 truncate">{capture.contentType.split(";")[0]}</span>
          </>
        )}
      </div>
    </div>
  );
});
