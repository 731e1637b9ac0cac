"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { BinDetail, Forward } from "@/lib/schemas/bin.ts";
import type { CaptureFilter, CapturePage, ForwardOutcome } from "@/lib/schemas/capture.ts";
import type { RefusalView } from "@/lib/schemas/refusal.ts";
import { toCurl } from "@/components/inspector/snippets.ts";
import { copyText } from "@/components/clipboard.ts";
import { ResendEditor } from "@/components/resend/ResendEditor.tsx";
import { ReplayDialog } from "@/components/replay/ReplayDialog.tsx";
import { SelectionBar } from "@/components/replay/SelectionBar.tsx";
import { emptySelection, keepListed, selectAllMatching, toggle, type Selection } from "@/components/replay/selection.ts";
import { DiffDialog } from "@/components/diff/DiffDialog.tsx";
import { DuplicatesToggle } from "@/components/duplicates/DuplicatesToggle.tsx";
import type { Draft } from "@/components/resend/draft.ts";
import { useCaptureAlerts } from "@/components/notify/useCaptureAlerts.ts";
import { rememberBin } from "@/components/recentBins.ts";
import { BinBar } from "./BinBar.tsx";
import { InspectorBinContext } from "./binContext.ts";
import { ControlNotice } from "@/components/bins/ControlNotice.tsx";
import { useBinControl } from "@/components/bins/useBinControl.ts";
import { CaptureDetail } from "./CaptureDetail.tsx";
import { CaptureList } from "./CaptureList.tsx";
import { EmptyState } from "./EmptyState.tsx";
import { FilterBar } from "./FilterBar.tsx";
import { ForwardHealthContext, useForwardHealth } from "./forwardHealth.ts";
import { RefusedStrip } from "./RefusedStrip.tsx";
import { useCapture } from "./useCapture.ts";
import { useLiveBin, type Counts } from "./useLiveBin.ts";
import { useRefusals } from "./useRefusals.ts";
import { useShortcuts } from "./useShortcuts.ts";
import { captureInPath, usePermalink } from "./usePermalink.ts";

export type InspectorBin = {
  id: string;
  name: string | null;
  captureUrl: string;
  shareUrl: string | null;
  /** A private bin's view token (the share link carries it too), for the cURL body download. */
  viewToken: string | null;
  forward: Forward | null;
  /** How the bin's latest auto-forward went when the page loaded. */
  lastForward: ForwardOutcome | null;
  requestCount: number;
  limits: BinDetail["limits"];
  /** Whether changes need the bin's manage key (false: a bin made before keys, anyone's to change). */
  managed: boolean;
};

/**
 * The live inspector of one bin: captures on the left, the selected one on the right. On a phone
 * it is one column: the list, a tap opens the capture, "Back" returns to the list.
 */
export function Inspector({ bin, firstPage, refusals: firstRefusals }: { bin: InspectorBin; firstPage: CapturePage; refusals: RefusalView[] }) {
  const pathname = usePathname();
  // A recorded attempt (resend, forward) changes its capture: the live stream says which one.
  const reloadRef = useRef<(captureId: string) => void>(() => {});
  const onAttempt = useCallback((captureId: string) => reloadRef.current(captureId), []);
  const [fields, setFields] = useState<CaptureFilter>({});
  const [duplicatesOnly, setDuplicatesOnly] = useState(false);
  const filter = useMemo<CaptureFilter>(() => ({ ...fields, ...(duplicatesOnly && { duplicates: "only" as const }) }), [fields, duplicatesOnly]);
  // Remounting the filter bar empties its fields.
  const [filterReset, setFilterReset] = useState(0);
  const filtering = Object.keys(filter).length > 0;
  // A permalink (/bins/{id}/{captureId}) opens the inspector on its capture.
  const [linked] = useState(() => captureInPath(pathname, bin.id));
  const { state, dispatch, connection, counts, loadOlder, loadingOlder, socket } = useLiveBin(bin.id, firstPage, onAttempt, filter, bin.requestCount, linked);
  const refusals = useRefusals(bin.id, firstRefusals, socket, connection);
  const forwardHealth = useForwardHealth(bin.id, bin.lastForward, socket);
  const { loaded, cached, reload } = useCapture(bin.id, state.selectedId);
  reloadRef.current = reload;
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ captureId: string; draft: Draft } | null>(null);
  const [pane, setPane] = useState<"list" | "detail">(linked ? "detail" : "list");
  const [comparing, setComparing] = useState<{ first: string; second: string | null } | null>(null);
  // Checked captures, for a replay; shift-click on a checkbox checks a range.
  const order = useMemo(() => state.items.map((c) => c.id), [state.items]);
  const orderRef = useRef(order);
  orderRef.current = order;
  const [picked, setPicked] = useState<Selection>(emptySelection);
  const selection = keepListed(picked, order);
  const check = useCallback((id: string, shift: boolean) => setPicked((s) => toggle(s, id, shift, orderRef.current)), []);
  const [replaying, setReplaying] = useState(false);
  const known = useMemo(() => new Map(state.items.map((c) => [c.id, c])), [state.items]);
  // Shift-click on a row compares it with the open capture, leaving the selection as it was.
  const compareOnShiftClick = (event: React.MouseEvent) => {
    if ((event.target as HTMLElement).closest("[data-select]")) return;
    const row = event.shiftKey ? (event.target as HTMLElement).closest<HTMLElement>("[data-testid=capture-row]") : null;
    if (!row?.dataset.id || !state.selectedId || row.dataset.id === state.selectedId) return;
    event.stopPropagation();
    setComparing({ first: state.selectedId, second: row.dataset.id });
  };
  const gone = connection === "gone";
  const control = useBinControl(bin.id, bin.managed);
  const context = useMemo(() => ({ gone, viewToken: bin.viewToken, captureCount: counts.total, control }), [gone, bin.viewToken, counts.total, control]);

  const flash = (text: string) => {
    setNotice(text);
    setTimeout(() => setNotice(null), 1500);
  };
  const chose = usePermalink(bin.id, state.selectedId, (id) => {
    // Back to the bin's own address: the newest capture, and on a phone the list.
    const target = id ?? state.items[0]?.id;
    if (target && target !== state.selectedId) dispatch({ type: "selected", id: target });
    setPane(id ? "detail" : "list");
  });
  const select = useCallback(
    (id: string) => {
      chose(id);
      dispatch({ type: "selected", id });
      setPane("detail");
    },
    [dispatch, chose],
  );
  const needOlder = useCallback(() => void loadOlder(), [loadOlder]);
  const clearFilters = () => {
    setFields({});
    setDuplicatesOnly(false);
    setFilterReset((n) => n + 1);
  };

  function copyCurl() {
    const capture = state.selectedId ? cached(state.selectedId) : null;
    if (!capture) return;
    copyText(toCurl(capture, bin.captureUrl, bin.viewToken)).then(
      () => flash("cURL command copied"),
      () => flash("Copy failed"),
    );
  }
  const move = (by: 1 | -1) => {
    const at = state.items.findIndex((c) => c.id === state.selectedId);
    const next = state.items[Math.min(state.items.length - 1, Math.max(0, at + by))];
    if (next) chose(next.id);
    dispatch({ type: "moved", by });
  };
  const down = () => move(1);
  const up = () => move(-1);
  const checkOpen = () => state.selectedId && check(state.selectedId, false);
  useShortcuts({ j: down, ArrowDown: down, k: up, ArrowUp: up, c: copyCurl, x: checkOpen });

  // The tab names its bin, and how many captures came in unseen.
  const waiting = state.unread.size + state.held.length;
  useCaptureAlerts(counts.total, bin.name ?? bin.id);
  // "Your bins" lists the bins this browser opened, with the token a private one needs.
  useEffect(() => {
    if (!gone) rememberBin({ id: bin.id, name: bin.name, href: `/bins/${bin.id}`, ...(bin.viewToken ? { token: bin.viewToken } : {}) });
  }, [gone, bin.id, bin.name, bin.viewToken]);
  useEffect(() => {
    const label = bin.name ?? bin.id;
    document.title = `${waiting ? `(${waiting}) ` : ""}${gone ? "Deleted: " : ""}${label} · Hookjar`;
  }, [waiting, gone, bin.name, bin.id]);

  const empty = state.items.length === 0;
  return (
    <InspectorBinContext.Provider value={context}>
    <ForwardHealthContext.Provider value={forwardHealth}>
      <div className="flex h-dvh min-w-0 flex-col">
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
          filter={filter}
          canManage={control.canManage}
        />
        {!gone && <ControlNotice binId={bin.id} control={control} />}
        {gone && (
          <div role="alert" data-testid="bin-deleted" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100">
            <strong>This bin was deleted.</strong>
            <span>Its captures are gone from the server and nothing new will arrive; resend, forward and clear are off.</span>
            <Link href="/" className="font-semibold underline">
              Create a new bin
            </Link>
          </div>
        )}
        <div className="flex min-h-0 flex-1">
          <aside
            onClickCapture={compareOnShiftClick}
            className={`${pane === "detail" ? "hidden md:flex" : "flex"} w-full min-w-0 flex-col border-slate-200 bg-white md:w-[360px] md:shrink-0 md:border-r xl:w-[420px] dark:border-slate-800 dark:bg-slate-950`}
            data-testid="list-pane"
          >
            <FilterBar key={filterReset} onChange={setFields} />
            <CountBar counts={counts} filtering={filtering} limits={bin.limits} unread={state.unread.size} onClearFilters={clearFilters} onJump={() => dispatch({ type: "jumpedToNewest" })}>
              <DuplicatesToggle items={state.items} only={duplicatesOnly} onChange={setDuplicatesOnly} />
            </CountBar>
            {(selection.ids.size > 0 || selection.allMatching) && (
              <SelectionBar
                picked={selection.allMatching ? null : selection.ids.size}
                matching={filtering ? counts.matching : counts.total}
                filtering={filtering}
                onAllMatching={() => setPicked(selectAllMatching())}
                onClear={() => setPicked(emptySelection)}
                onReplay={() => setReplaying(true)}
                disabled={gone || !control.canManage}
              />
            )}
            <RefusedStrip rows={refusals} />
            {empty && !filtering && !state.held.length && !gone ? (
              // On a phone the detail pane is hidden: the first steps show in the list's place.
              <>
                <p className="hidden p-4 text-sm text-slate-600 md:block dark:text-slate-400">No captures yet.</p>
                <div className="min-h-0 flex-1 overflow-y-auto md:hidden">
                  <EmptyState captureUrl={bin.captureUrl} testId="empty-state-phone" />
                </div>
              </>
            ) : empty ? (
              <p className="p-4 text-sm text-slate-600 dark:text-slate-400">
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
                checked={selection.allMatching ? new Set(order) : selection.ids}
                onCheck={check}
              />
            )}
          </aside>
          <main className={`${pane === "list" ? "hidden md:flex" : "flex"} min-w-0 flex-1 flex-col bg-white dark:bg-slate-950`} data-testid="detail-pane">
            <div className="flex items-center border-b border-slate-200 px-2 py-1.5 md:hidden dark:border-slate-800">
              <button
                type="button"
                onClick={() => setPane("list")}
                className="rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-slate-100 dark:text-indigo-300 dark:hover:bg-slate-800"
                data-testid="back-to-list"
              >
                ← Captures
              </button>
            </div>
            <div className="min-h-0 flex-1 overflow-y-auto">
              {empty && !filtering ? (
                gone ? null : <EmptyState captureUrl={bin.captureUrl} />
              ) : state.selectedId ? (
                <CaptureDetail
                  loaded={loaded}
                  captureUrl={bin.captureUrl}
                  onEdit={(captureId, draft) => setEditing({ captureId, draft })}
                  onCompare={(first) => setComparing({ first, second: null })}
                  onChanged={reload}
                />
              ) : (
                <p className="p-6 text-sm text-slate-600 dark:text-slate-400">Select a capture.</p>
              )}
            </div>
          </main>
        </div>
        {editing && !gone && (
          <ResendEditor
            key={`${editing.captureId}:${JSON.stringify(editing.draft)}`}
            binId={bin.id}
            // Without the manage key a resend is a free request: it records nothing on the capture.
            captureId={control.canManage ? editing.captureId : undefined}
            captureUrl={bin.captureUrl}
            capturePath={cached(editing.captureId)?.path ?? "/"}
            initial={editing.draft}
            onClose={() => setEditing(null)}
            onSent={() => reload(editing.captureId)}
          />
        )}
        {replaying && !gone && (
          <ReplayDialog
            binId={bin.id}
            selection={selection.allMatching ? { filter } : { captureIds: [...selection.ids] }}
            count={selection.allMatching ? (filtering ? counts.matching : counts.total) : selection.ids.size}
            known={known}
            socket={socket}
            onClose={() => setReplaying(false)}
          />
        )}
        {comparing && (
          <DiffDialog binId={bin.id} items={state.items} firstId={comparing.first} secondId={comparing.second} onClose={() => setComparing(null)} />
        )}
        {notice && (
          <div role="status" data-testid="notice" className="fixed bottom-4 left-1/2 -translate-x-1/2 rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900">
            {notice}
          </div>
        )}
      </div>
    </ForwardHealthContext.Provider>
    </InspectorBinContext.Provider>
  );
}

const n = (count: number) => count.toLocaleString("en");

/** The bin's total (the server's count, not what is loaded), "N of M" while filtered, and the cap. */
function CountBar({
  counts,
  filtering,
  limits,
  unread,
  onClearFilters,
  onJump,
  children,
}: {
  counts: Counts;
  filtering: boolean;
  limits: BinDetail["limits"];
  unread: number;
  onClearFilters: () => void;
  onJump: () => void;
  /** More list-wide controls for the same line. */
  children?: ReactNode;
}) {
  const { total, matching } = counts;
  const atCap = total >= limits.maxCapturesPerBin;
  const text = filtering
    ? matching === null
      ? `Filtering ${n(total)} ${total === 1 ? "capture" : "captures"}…`
      : `${n(matching)} of ${n(total)} ${total === 1 ? "capture" : "captures"}`
    : `${n(total)} ${total === 1 ? "capture" : "captures"}`;
  return (
    <div className="border-b border-slate-200 px-3 py-1.5 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <div className="flex min-h-6 items-center justify-between gap-2">
        <span data-testid="capture-count" aria-live="polite">
          {text}
        </span>
        {filtering && (
          <button type="button" onClick={onClearFilters} data-testid="clear-filters" className="rounded px-1.5 py-0.5 font-medium text-indigo-700 hover:bg-slate-100 dark:text-indigo-300 dark:hover:bg-slate-800">
            Clear filters
          </button>
        )}
        {unread > 0 && (
          <button
            type="button"
            onClick={onJump}
            data-testid="unread"
            className="rounded-full bg-indigo-600 px-2.5 py-0.5 font-semibold text-white hover:bg-indigo-500"
          >
            ↑ {unread} new
          </button>
        )}
        {children}
        <span className="ml-auto hidden xl:inline">j/k to move · c copies cURL</span>
      </div>
      {atCap && (
        <p data-testid="cap-note" className="mt-0.5 text-amber-800 dark:text-amber-300">
          At the limit of {n(limits.maxCapturesPerBin)}: each new capture deletes the oldest
          {limits.retentionDays > 0 ? `; captures are kept ${limits.retentionDays} ${limits.retentionDays === 1 ? "day" : "days"}` : ""}.
        </p>
      )}
    </div>
  );
}
