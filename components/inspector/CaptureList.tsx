"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { CaptureSummary } from "@/lib/schemas/capture.ts";
import { indexOfCapture, indexOfId } from "@/components/inspector/timeline.ts";
import { CaptureRow, ROW_HEIGHT } from "./CaptureRow.tsx";
import { useNow } from "./useNow.ts";

const OVERSCAN = 8;
// Ask for the next page while this many rows are still below the viewport.
const PREFETCH_ROWS = 60;

type Props = {
  items: CaptureSummary[];
  selectedId: string | null;
  unread: ReadonlySet<string>;
  fresh: ReadonlySet<string>;
  hasMore: boolean;
  loadingOlder: boolean;
  onSelect: (id: string) => void;
  onNeedOlder: () => void;
};

/** The captures, newest first, as a virtual list: only the rows in view exist in the DOM. */
export function CaptureList({ items, selectedId, unread, fresh, hasMore, loadingOlder, onSelect, onNeedOlder }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);
  const now = useNow();

  useLayoutEffect(() => {
    const el = scroller.current!;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Rows prepended above a user who scrolled down must not push what they are reading away.
  const anchor = useRef<{ item: CaptureSummary; index: number } | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current!;
    const previous = anchor.current;
    if (previous && el.scrollTop > 0) {
      const index = indexOfCapture(items, previous.item);
      if (index !== -1 && index !== previous.index) el.scrollTop += (index - previous.index) * ROW_HEIGHT;
    }
    const first = Math.floor(el.scrollTop / ROW_HEIGHT);
    anchor.current = items[first] ? { item: items[first], index: first } : null;
  }, [items, scrollTop]);

  // Keep the selected row in view when it changes by keyboard or by following the stream.
  useEffect(() => {
    if (!selectedId) return;
    const el = scroller.current!;
    const index = indexOfId(items, selectedId);
    if (index === -1) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    // Only a change of selection scrolls (not every arrival), hence `items` is read but not a dependency.
  }, [selectedId]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (hasMore && !loadingOlder && last >= items.length - PREFETCH_ROWS) onNeedOlder();
  }, [hasMore, loadingOlder, last, items.length, onNeedOlder]);

  const rows = [];
  for (let i = first; i < last; i++) {
    const c = items[i];
    rows.push(
      <CaptureRow
        key={c.id}
        capture={c}
        top={i * ROW_HEIGHT}
        selected={c.id === selectedId}
        unread={unread.has(c.id)}
        fresh={fresh.has(c.id)}
        now={now}
        onSelect={onSelect}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      className="relative min-h-0 flex-1 overflow-y-auto"
      data-testid="capture-list"
      role="listbox"
      aria-label="Captures"
    >
      <div style={{ height: items.length * ROW_HEIGHT + (hasMore ? ROW_HEIGHT : 0) }} className="relative">
        {rows}
        {hasMore && (
          <div
            style={{ top: items.length * ROW_HEIGHT, height: ROW_HEIGHT }}
            className="absolute inset-x-0 flex items-center justify-center text-xs text-slate-500"
          >
            Loading older captures…
          </div>
        )}
      </div>
    </div>
  );
}
