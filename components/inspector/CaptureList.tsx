"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef } from "react";
import type { CaptureSummary } from "@/lib/schemas/capture.ts";
import { indexOfCapture, indexOfId } from "@/components/inspector/timeline.ts";
import { CaptureRow, ROW_HEIGHT } from "./CaptureRow.tsx";
import { useNow } from "./useNow.ts";

const OVERSCAN = 8;
// Ask for the next page while this many rows are still below the viewport.
const PREFETCH_ROWS = 60;
const LOADER_KEY = "older";

type Props = {
  items: CaptureSummary[];
  selectedId: string | null;
  unread: ReadonlySet<string>;
  fresh: ReadonlySet<string>;
  hasMore: boolean;
  loadingOlder: boolean;
  onSelect: (id: string) => void;
  onNeedOlder: () => void;
  checked: ReadonlySet<string>;
  onCheck: (id: string, shift: boolean) => void;
};

/**
 * The captures, newest first, as a virtual list (TanStack Virtual): only the rows in view exist
 * in the DOM. Every row has the same height, so positions are known without measuring.
 */
export function CaptureList({ items, selectedId, unread, fresh, hasMore, loadingOlder, onSelect, onNeedOlder, checked, onCheck }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow();
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: useCallback((index: number) => itemsRef.current[index]?.id ?? LOADER_KEY, []),
    initialRect: { width: 0, height: 800 },
  });

  // Rows prepended above a user who scrolled down must not push what they are reading away: the
  // first row in view is remembered, and when new rows come in above it the view moves with it.
  const anchor = useRef<{ item: CaptureSummary; index: number } | null>(null);
  const rememberAnchor = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const first = Math.floor(el.scrollTop / ROW_HEIGHT);
    const list = itemsRef.current;
    anchor.current = list[first] ? { item: list[first], index: first } : null;
  }, []);
  useLayoutEffect(() => {
    const el = scroller.current!;
    const previous = anchor.current;
    if (previous && el.scrollTop > 0) {
      const index = indexOfCapture(items, previous.item);
      if (index !== -1 && index !== previous.index) el.scrollTop += (index - previous.index) * ROW_HEIGHT;
    }
    rememberAnchor();
  }, [items, rememberAnchor]);

  // Keep the selected row in view when it changes by keyboard or by following the stream; a
  // reader scrolled down the list is not pulled back up by an arrival.
  const freshRef = useRef(fresh);
  freshRef.current = fresh;
  useEffect(() => {
    if (!selectedId) return;
    if (freshRef.current.has(selectedId) && (scroller.current?.scrollTop ?? 0) > 0) return;
    const index = indexOfId(itemsRef.current, selectedId);
    if (index !== -1) virtualizer.scrollToIndex(index, { align: "auto" });
    // Only a change of selection scrolls (not every arrival), hence `items` is read but not a dependency.
  }, [selectedId, virtualizer]);

  const rows = virtualizer.getVirtualItems();
  const last = rows.length ? rows[rows.length - 1].index : 0;
  useEffect(() => {
    if (hasMore && !loadingOlder && last >= items.length - PREFETCH_ROWS) onNeedOlder();
  }, [hasMore, loadingOlder, last, items.length, onNeedOlder]);

  return (
    <div
      ref={scroller}
      onScroll={rememberAnchor}
      className="relative min-h-0 flex-1 overflow-y-auto overscroll-contain"
      data-testid="capture-list"
      data-loaded={items.length}
      data-row-height={ROW_HEIGHT}
      role="listbox"
      aria-label="Captures"
      tabIndex={0}
    >
      <div style={{ height: virtualizer.getTotalSize() }} className="relative">
        {rows.map((row) => {
          const c = items[row.index];
          if (!c) {
            return (
              <div
                key={LOADER_KEY}
                role="presentation"
                style={{ top: row.start, height: ROW_HEIGHT }}
                className="absolute inset-x-0 flex items-center justify-center text-xs text-slate-600 dark:text-slate-400"
              >
                Loading older captures…
              </div>
            );
          }
          return (
            <CaptureRow
              key={c.id}
              capture={c}
              top={row.start}
              selected={c.id === selectedId}
              unread={unread.has(c.id)}
              fresh={fresh.has(c.id)}
              now={now}
              onSelect={onSelect}
              checked={checked.has(c.id)}
              onCheck={onCheck}
            />
          );
        })}
      </div>
    </div>
  );
}
