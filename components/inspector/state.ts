import type { CapturePage, CaptureSummary } from "@/lib/schemas/capture.ts";
import { indexOfCapture, indexOfId, mergeCaptures } from "@/components/inspector/timeline.ts";

/**
 * Everything the inspector's list shows, changed only through `inspectorReducer`: live arrivals,
 * older pages, deletions, pausing, selection and what is unread.
 */
export type InspectorState = {
  items: CaptureSummary[];
  nextCursor: string | null;
  /** Arrived while live updates were paused; shown on resume. */
  held: CaptureSummary[];
  paused: boolean;
  selectedId: string | null;
  /** Arrived while the user was reading an older capture. */
  unread: ReadonlySet<string>;
  /** Just arrived: highlighted for a moment. */
  fresh: ReadonlySet<string>;
};

export type InspectorAction =
  | { type: "arrived"; captures: CaptureSummary[] }
  | { type: "resynced"; fetched: CaptureSummary[]; gone: ReadonlySet<string>; nextCursor: string | null; quiet?: boolean }
  | { type: "olderLoaded"; page: CapturePage }
  | { type: "removed"; ids: ReadonlySet<string> }
  | { type: "cleared" }
  | { type: "selected"; id: string }
  | { type: "moved"; by: 1 | -1 }
  | { type: "jumpedToNewest" }
  | { type: "paused"; paused: boolean }
  | { type: "faded"; ids: string[] };

/** `selectedId`: the capture the address bar names, else the newest is selected. */
export function initialState(page: CapturePage, selectedId: string | null = null): InspectorState {
  return {
    items: page.items,
    nextCursor: page.nextCursor,
    held: [],
    paused: false,
    selectedId: selectedId ?? page.items[0]?.id ?? null,
    unread: new Set(),
    fresh: new Set(),
  };
}

export function inspectorReducer(state: InspectorState, action: InspectorAction): InspectorState {
  switch (action.type) {
    case "arrived":
      return arrive(state, action.captures);
    case "resynced": {
      const pruned = remove(state, action.gone);
      const base = pruned.items.length === 0 ? { ...pruned, nextCursor: action.nextCursor } : pruned;
      return arrive(base, action.fetched, action.quiet);
    }
    case "olderLoaded":
      return { ...state, items: mergeCaptures(state.items, action.page.items), nextCursor: action.page.nextCursor };
    case "removed":
      return remove(state, action.ids);
    case "cleared":
      return { ...state, items: [], held: [], nextCursor: null, selectedId: null, unread: new Set(), fresh: new Set() };
    case "selected":
      return select(state, action.id);
    case "moved": {
      const at = state.selectedId ? indexOfId(state.items, state.selectedId) : -1;
      const next = state.items[Math.min(state.items.length - 1, Math.max(0, at + action.by))];
      return next ? select(state, next.id) : state;
    }
    case "jumpedToNewest":
      return state.items.length ? { ...select(state, state.items[0].id), unread: new Set() } : state;
    case "paused": {
      if (action.paused) return { ...state, paused: true };
      return arrive({ ...state, paused: false, held: [] }, state.held);
    }
    case "faded": {
      const fresh = new Set(state.fresh);
      for (const id of action.ids) fresh.delete(id);
      return { ...state, fresh };
    }
  }
}

function select(state: InspectorState, id: string): InspectorState {
  if (!state.unread.has(id)) return { ...state, selectedId: id };
  const unread = new Set(state.unread);
  unread.delete(id);
  return { ...state, selectedId: id, unread };
}

/** `quiet`: the captures are not news (a list refilled for a new filter), so nothing flashes. */
function arrive(state: InspectorState, captures: CaptureSummary[], quiet = false): InspectorState {
  const news = captures.filter((c) => indexOfCapture(state.items, c) === -1);
  if (news.length === 0) return state;
  if (state.paused) return { ...state, held: mergeCaptures(state.held, news) };
  // Someone reading the newest capture (or nothing yet) follows the stream; anyone else keeps their place.
  const following = state.selectedId === null || state.selectedId === state.items[0]?.id;
  const items = mergeCaptures(state.items, news);
  const fresh = new Set(state.fresh);
  if (!quiet) for (const c of news) fresh.add(c.id);
  if (following) return { ...state, items, fresh, selectedId: items[0].id };
  const unread = new Set(state.unread);
  for (const c of news) unread.add(c.id);
  return { ...state, items, fresh, unread };
}

function remove(state: InspectorState, ids: ReadonlySet<string>): InspectorState {
  if (ids.size === 0) return state;
  let selectedId = state.selectedId;
  if (selectedId && ids.has(selectedId)) {
    // The selection moves to the next older capture still there, else the next newer one.
    const at = indexOfId(state.items, selectedId);
    const older = state.items.slice(at + 1).find((c) => !ids.has(c.id));
    const newer = state.items.slice(0, Math.max(0, at)).reverse().find((c) => !ids.has(c.id));
    selectedId = (older ?? newer)?.id ?? null;
  }
  const unread = new Set([...state.unread].filter((id) => !ids.has(id)));
  return {
    ...state,
    items: state.items.filter((c) => !ids.has(c.id)),
    held: state.held.filter((c) => !ids.has(c.id)),
    selectedId,
    unread,
  };
}
