"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { CaptureFilter, CapturePage, CaptureSummary } from "@/lib/schemas/capture.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/schemas/events.ts";
import { newestSeq, vanishedIds } from "@/components/inspector/timeline.ts";
import { forgetBin } from "@/components/recentBins.ts";
import { fetchBinTotal, fetchCapturePage } from "./api.ts";
import { initialState, inspectorReducer, type InspectorState } from "./state.ts";

export type Connection = "connecting" | "live" | "reconnecting" | "gone" | "denied";
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const FRESH_MS = 2000;
const PAGE = 200;
const RETRY_MS = 2000;
// Arrivals within this window render together: a burst of webhooks costs one render, not hundreds.
const BATCH_MS = 30;
// The bin's total is asked again this long after a burst of changes (and counted meanwhile).
const TOTAL_MS = 300;

/** How many captures the bin holds, and while filtered how many of them match. */
export type Counts = { total: number; matching: number | null };

/**
 * A bin's captures kept live: subscribes over Socket.IO, and on every (re)connect refetches the
 * newest pages from the REST API so whatever arrived or went while disconnected is reconciled.
 */
export function useLiveBin(binId: string, firstPage: CapturePage, onAttempt: (captureId: string) => void, filter: CaptureFilter, initialTotal: number, firstSelected: string | null) {
  const [state, dispatch] = useReducer(inspectorReducer, firstPage, (page) => initialState(page, firstSelected));
  const [connection, setConnection] = useState<Connection>("connecting");
  const [counts, setCounts] = useState<Counts>({ total: initialTotal, matching: null });
  const [loadingOlder, setLoadingOlder] = useState(false);
  // For hooks that follow more of the bin's events on the same connection.
  const [socket, setSocket] = useState<LiveSocket | null>(null);
  const loadingRef = useRef(false);
  const stateRef = useRef<InspectorState>(state);
  stateRef.current = state;
  const onAttemptRef = useRef(onAttempt);
  onAttemptRef.current = onAttempt;
  // Only the server can tell whether a capture matches a filter (it may search the body): while
  // one is set, arrivals trigger a resync of the filtered list instead of being added as they come.
  const filterKey = JSON.stringify(filter);
  const filterRef = useRef({ filter, key: filterKey });
  filterRef.current = { filter, key: filterKey };
  const resyncRef = useRef<() => void>(() => {});
  // A fetch answers for the moment it was sent: a clear since then voids it (generation), and a
  // deletion since then must not bring its capture back (tombstones).
  const generation = useRef(0);
  const tombstones = useRef(new Set<string>());
  const notDeleted = (items: CaptureSummary[]) => items.filter((c) => !tombstones.current.has(c.id));
  const refilling = useRef(false);

  const highlight = useCallback((captures: CaptureSummary[]) => {
    const ids = captures.map((c) => c.id);
    setTimeout(() => dispatch({ type: "faded", ids }), FRESH_MS);
  }, []);

  useEffect(() => {
    const socket: LiveSocket = io({ reconnectionDelay: 500, reconnectionDelayMax: 2000 });
    setSocket(socket);
    let alive = true;
    const binGone = () => {
      setConnection("gone");
      // "Your recent bins" on the home page no longer offers it.
      forgetBin(binId);
      socket.disconnect();
    };

    // Events adjust the total at once; the server's count, asked after a burst, corrects any drift.
    // An answer is used only if nothing changed while it was on its way.
    let changes = 0;
    let totalTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshTotal = () => {
      totalTimer = null;
      const asked = changes;
      fetchBinTotal(binId).then(
        (total) => {
          if (!alive) return;
          if (total === null) return binGone();
          if (asked === changes) setCounts((c) => ({ ...c, total }));
        },
        () => {},
      );
    };
    const changed = (by: number | null) => {
      changes++;
      setCounts((c) => ({ ...c, total: by === null ? 0 : Math.max(0, c.total + by) }));
      totalTimer ??= setTimeout(refreshTotal, TOTAL_MS);
    };
    let batch: CaptureSummary[] = [];
    let batchTimer: ReturnType<typeof setTimeout> | null = null;
    const flushBatch = () => {
      batchTimer = null;
      const captures = batch;
      batch = [];
      dispatch({ type: "arrived", captures });
      highlight(captures);
    };

    async function resync() {
      const { filter, key } = filterRef.current;
      const gen = generation.current;
      const { items: before, held } = stateRef.current;
      const shown = [...held, ...before];
      const newest = newestSeq(shown);
      const fetched: CaptureSummary[] = [];
      let cursor: string | null = null;
      let matching: number | null = null;
      // Page down from the newest until the pages meet what is already shown.
      while (true) {
        const page: CapturePage = await fetchCapturePage(binId, cursor, PAGE, filter);
        if (cursor === null) matching = page.matching ?? null;
        fetched.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor || newest === null || page.items.some((c) => c.seq <= newest)) break;
      }
      // A filter changed meanwhile: these results answer a question nobody asks any more.
      if (!alive || key !== filterRef.current.key || gen !== generation.current) return;
      const quiet = refilling.current;
      refilling.current = false;
      setCounts((c) => ({ ...c, matching: key === "{}" ? null : matching }));
      dispatch({ type: "resynced", fetched: notDeleted(fetched), gone: vanishedIds(shown, fetched, cursor === null), nextCursor: cursor, quiet });
      if (!quiet) highlight(fetched);
    }

    // A failed subscription or resync is retried by a fresh connection, which subscribes and resyncs again.
    const retrySoon = () => {
      setConnection("reconnecting");
      socket.disconnect();
      setTimeout(() => alive && socket.connect(), RETRY_MS);
    };

    socket.on("connect", async () => {
      const ack = await socket.timeout(5000).emitWithAck("bin:subscribe", { binId }).catch(() => null);
      if (!alive) return;
      // Neither a deleted bin nor a revoked view token comes back by retrying.
      if (ack?.error === "bin_not_found") return binGone();
      if (ack?.error === "unauthorized") {
        setConnection("denied");
        socket.disconnect();
        return;
      }
      if (!ack?.ok) return retrySoon();
      setConnection("live");
      // Whatever happened while disconnected: the server's count.
      refreshTotal();
      await resync().catch(retrySoon);
    });
    // Our own disconnects (bin gone, retry) have set the state already.
    socket.on("disconnect", (reason) => reason !== "io client disconnect" && setConnection("reconnecting"));
    socket.io.on("reconnect_attempt", () => setConnection("reconnecting"));
    let resyncTimer: ReturnType<typeof setTimeout> | null = null;
    resyncRef.current = () => {
      resyncTimer ??= setTimeout(() => {
        resyncTimer = null;
        resync().catch(retrySoon);
      }, BATCH_MS);
    };
    socket.on("capture:new", (capture) => {
      if (capture.binId !== binId) return;
      changed(1);
      if (filterRef.current.key !== "{}") return resyncRef.current();
      batch.push(capture);
      batchTimer ??= setTimeout(flushBatch, BATCH_MS);
    });
    socket.on("capture:deleted", (event) => {
      if (event.binId !== binId) return;
      changed(-1);
      const { items, held } = stateRef.current;
      if (filterRef.current.key !== "{}" && [...items, ...held].some((c) => c.id === event.id)) {
        setCounts((c) => ({ ...c, matching: c.matching === null ? null : Math.max(0, c.matching - 1) }));
      }
      if (tombstones.current.size > 10_000) tombstones.current.clear();
      tombstones.current.add(event.id);
      batch = batch.filter((c) => c.id !== event.id);
      dispatch({ type: "removed", ids: new Set([event.id]) });
    });
    socket.on("capture:attempt", (event) => {
      if (event.binId === binId) onAttemptRef.current(event.id);
    });
    socket.on("bin:deleted", (event) => {
      if (event.binId === binId) binGone();
    });
    // Made private or public: subscribe again under the new rule (with this browser's token, if it has one).
    socket.on("bin:access", (event) => {
      if (event.binId === binId) socket.disconnect().connect();
    });
    socket.on("bin:cleared", (event) => {
      if (event.binId !== binId) return;
      generation.current++;
      batch = [];
      changed(null);
      setCounts((c) => ({ ...c, matching: c.matching === null ? null : 0 }));
      dispatch({ type: "cleared" });
    });
    return () => {
      alive = false;
      if (totalTimer) clearTimeout(totalTimer);
      if (batchTimer) clearTimeout(batchTimer);
      if (resyncTimer) clearTimeout(resyncTimer);
      socket.disconnect();
    };
  }, [binId, highlight]);

  // A new filter starts the list afresh from the server.
  const firstFilter = useRef(filterKey);
  useEffect(() => {
    if (filterKey === firstFilter.current) return;
    firstFilter.current = "";
    generation.current++;
    dispatch({ type: "cleared" });
    refilling.current = true;
    resyncRef.current();
  }, [filterKey]);

  const loadOlder = useCallback(async () => {
    const { filter, key } = filterRef.current;
    const gen = generation.current;
    const cursor = stateRef.current.nextCursor;
    if (!cursor || loadingRef.current) return;
    loadingRef.current = true;
    setLoadingOlder(true);
    try {
      const page = await fetchCapturePage(binId, cursor, PAGE, filter);
      if (key === filterRef.current.key && gen === generation.current) {
        dispatch({ type: "olderLoaded", page: { ...page, items: notDeleted(page.items) } });
      }
    } catch {
      // Nothing to do: the list asks again when it is scrolled.
    } finally {
      loadingRef.current = false;
      setLoadingOlder(false);
    }
  }, [binId]);

  return { state, dispatch, connection, counts, loadOlder, loadingOlder, socket };
}
