/**
 * The inspector's list of captures: newest first, each id once. Ids are ULIDs, so comparing
 * them as strings is comparing arrival order.
 */

type Item = { id: string };

/** `list` and `incoming` together, newest first, without duplicates; `list` itself when nothing is new. */
export function mergeCaptures<T extends Item>(list: T[], incoming: T[]): T[] {
  if (incoming.length === 0) return list;
  const sorted = [...incoming].sort(newestFirst);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  let added = false;
  while (i < list.length || j < sorted.length) {
    const a = list[i];
    const b = sorted[j];
    if (b === undefined || (a !== undefined && a.id >= b.id)) {
      if (b !== undefined && a.id === b.id) j++;
      out.push(a);
      i++;
    } else {
      if (out.length === 0 || out[out.length - 1].id !== b.id) {
        out.push(b);
        added = true;
      }
      j++;
    }
  }
  return added ? out : list;
}

const newestFirst = (a: Item, b: Item) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * After refetching the newest pages from the server (say after a reconnect), the ids that were
 * shown before the fetch began and are gone now: deleted while the page was not listening. The
 * fetch saw everything from the newest capture down to its oldest item (to the end when it
 * reached the end), so only that span is judged.
 */
export function vanishedIds(before: Item[], fetched: Item[], reachedEnd: boolean): Set<string> {
  const present = new Set(fetched.map((c) => c.id));
  const oldest = fetched.reduce<string | null>((min, c) => (min === null || c.id < min ? c.id : min), null);
  const gone = new Set<string>();
  for (const c of before) {
    if (!present.has(c.id) && (reachedEnd || (oldest !== null && c.id >= oldest))) gone.add(c.id);
  }
  return gone;
}

/** Position of `id` in a newest-first list (binary search), or -1. */
export function indexOfId(list: Item[], id: string): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].id === id) return mid;
    if (list[mid].id > id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
