/**
 * The list's checkbox selection, pure so its rules are testable without a browser: a click toggles
 * one capture, a shift-click sets the whole range from the last one clicked to the same state, and
 * "all that match the filter" stands for every capture the filter matches, loaded or not.
 */

export type Selection = { ids: ReadonlySet<string>; anchor: string | null; allMatching: boolean };

export const emptySelection: Selection = { ids: new Set(), anchor: null, allMatching: false };

/** `order`: the loaded captures' ids as listed (newest first). */
export function toggle(selection: Selection, id: string, shift: boolean, order: readonly string[]): Selection {
  // From "all that match": the loaded ones stand checked, and the click unchecks from there.
  const ids = new Set(selection.allMatching ? order : selection.ids);
  const on = !ids.has(id);
  const from = shift && selection.anchor !== null ? order.indexOf(selection.anchor) : -1;
  const to = order.indexOf(id);
  const range = from === -1 || to === -1 ? [id] : order.slice(Math.min(from, to), Math.max(from, to) + 1);
  for (const each of range) {
    if (on) ids.add(each);
    else ids.delete(each);
  }
  return { ids, anchor: id, allMatching: false };
}

export const selectAllMatching = (): Selection => ({ ids: new Set(), anchor: null, allMatching: true });

/** Drops ids that left the list (deleted, pruned, filtered away). */
export function keepListed(selection: Selection, order: readonly string[]): Selection {
  const listed = new Set(order);
  const ids = [...selection.ids].filter((id) => listed.has(id));
  return ids.length === selection.ids.size ? selection : { ...selection, ids: new Set(ids) };
}
