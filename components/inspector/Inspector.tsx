"use client";

import { useCallback, useRef, useState } from "react";
import type { Forward } from "@/lib/schemas/bin.ts";
import type { CaptureFilter, CapturePage } from "@/lib/schemas/capture.ts";
import { toCurl } from "@/components/inspector/snippets.ts";
import { copyText } from "@/components/clipboard.ts";
import { ResendEditor } from "@/components/resend/ResendEditor.tsx";
import type { Draft } from "@/components/resend/draft.ts";
import { BinBar } from "./BinBar.tsx";
import { CaptureDetail } from "./CaptureDetail.tsx";
import { CaptureList } from "./CaptureList.tsx";
import { EmptyState } from "./EmptyState.tsx";
import { FilterBar } from "./FilterBar.tsx";
import { useCapture } from "./useCapture.ts";
import { useLiveBin } from "./useLiveBin.ts";
import { useShortcuts } from "./useShortcuts.ts";

export type InspectorBin = { id: string; name: string | null; captureUrl: string; shareUrl: string | null; forward: Forward | null };

/** The live inspector of one bin: captures on the left, the selected one on the right. */
export function Inspector({ bin, firstPage }: { bin: InspectorBin; firstPage: CapturePage }) {
  // A recorded attempt (resend, forward) changes its capture: the live stream says which one.
  const reloadRef = useRef<(captureId: string) => void>(() => {});
  const onAttempt = useCallback((captureId: string) => reloadRef.current(captureId), []);
  const [filter, setFilter] = useState<CaptureFilter>({});
  const filtering = Object.keys(filter).length > 0;
  const { state, dispatch, connection, loadOlder, loadingOlder } = useLiveBin(bin.id, firstPage, onAttempt, filter);
  const { loaded, cached, reload } = useCapture(bin.id, state.selectedId);
  reloadRef.current = reload;
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ captureId: string; draft: Draft } | null>(null);

  const flash = (text: string) => {
    setNotice(text);
    setTimeout(() => setNotice(null), 1500);
  };
  const select = useCallback((id: string) => dispatch({ type: "selected", id }), [dispatch]);
  const needOlder = useCallback(() => void loadOlder(), [loadOlder]);

  function copyCurl() {
    const capture = state.selectedId ? cached(state.selectedId) : null;
    if (!capture) return;
    copyText(toCurl(capture, bin.captureUrl)).then(
      () => flash("cURL command copied"),
      () => flash("Copy failed"),
    );
  }
  const down = () => dispatch({ type: "moved", by: 1 });
  const up = () => dispatch({ type: "moved", by: -1 });
  useShortcuts({ j: down, ArrowDown: down, k: up, ArrowUp: up, c: copyCurl });

  const empty = state.items.length === 0;
  return (
    <div className="flex h-screen min-w-0 flex-col">
      <BinBar
        binId={bin.id}
        name={bin.name}
        shareUrl={bin.shareUrl}
        forward={bin.forward}
        captureUrl={bin.captureUrl}
        connection={connection}
        paused={state.paused}
        heldCount={state.held.length}
        canClear={!empty || filtering}
        onPause={(paused) => dispatch({ type: "paused", paused })}
        selected={loaded.status === "ok" ? loaded.capture : null}
      />
      <div className="flex min-h-0 flex-1">
        <aside className="flex w-[380px] shrink-0 flex-col border-r border-slate-200 bg-white xl:w-[420px] dark:border-slate-800 dark:bg-slate-950">
          <FilterBar onChange={setFilter} />
          <div className="flex h-9 items-center justify-between border-b border-slate-200 px-3 text-xs text-slate-500 dark:border-slate-800">
            <span data-testid="capture-count">
              {state.items.length}
              {state.nextCursor ? "+" : ""} {state.items.length === 1 ? "capture" : "captures"}
            </span>
            {state.unread.size > 0 && (
              <button
                type="button"
                onClick={() => dispatch({ type: "jumpedToNewest" })}
                data-testid="unread"
                className="rounded-full bg-indigo-600 px-2.5 py-0.5 font-semibold text-white hover:bg-indigo-500"
              >
                ↑ {state.unread.size} new
              </button>
            )}
            <span className="hidden xl:inline">j/k to move · c copies cURL</span>
          </div>
          {empty ? (
            <p className="p-4 text-sm text-slate-500">
              {state.held.length
                ? `${state.held.length} new while paused: resume live to see them.`
                : filtering
                  ? "No captures match these filters."
                  : "No captures yet."}
            </p>
          ) : (
            <CaptureList
              items={state.items}
              selectedId={state.selectedId}
              unread={state.unread}
              fresh={state.fresh}
              hasMore={state.nextCursor !== null}
              loadingOlder={loadingOlder}
              onSelect={select}
              onNeedOlder={needOlder}
            />
          )}
        </aside>
        <main className="min-w-0 flex-1 overflow-y-auto bg-white dark:bg-slate-950">
          {empty && !filtering ? (
            <EmptyState captureUrl={bin.captureUrl} />
          ) : state.selectedId ? (
            <CaptureDetail loaded={loaded} captureUrl={bin.captureUrl} onEdit={(captureId, draft) => setEditing({ captureId, draft })} />
          ) : (
            <p className="p-6 text-sm text-slate-500">Select a capture.</p>
          )}
        </main>
      </div>
      {editing && (
        <ResendEditor
          key={`${editing.captureId}:${JSON.stringify(editing.draft)}`}
          binId={bin.id}
          captureId={editing.captureId}
          initial={editing.draft}
          onClose={() => setEditing(null)}
          onSent={() => reload(editing.captureId)}
        />
      )}
      {notice && (
        <div role="status" data-testid="notice" className="fixed bottom-4 left-1/2 -translate-x-1/2 rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900">
          {notice}
        </div>
      )}
    </div>
  );
}
