/**
 * The inspector's list of captures: newest first, each id once, in commit order (`seq`, which
 * the database assigns): a capture committed later always sorts above, whichever instance took it.
 */

type Item = { id: string; seq: number };

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
    if (b === undefined || (a !== undefined && a.seq >= b.seq)) {
      if (b !== undefined && a.seq === b.seq) j++;
      out.push(a);
      i++;
    } else {
      if (out.length === 0 || out[out.length - 1].seq !== b.seq) {
        out.push(b);
        added = true;
      }
      j++;
    }
  }
  return added ? out : list;
}

const newestFirst = (a: Item, b: Item) => b.seq - a.seq;

/** The highest `seq` in the lists: everything committed after it is newer than all they hold. */
export function newestSeq(...lists: Item[][]): number | null {
  let max: number | null = null;
  for (const list of lists) for (const c of list) if (max === null || c.seq > max) max = c.seq;
  return max;
}

/**
 * After refetching the newest pages from the server (say after a reconnect), the ids that were
 * shown before the fetch began and are gone now: deleted while the page was not listening. The
 * fetch saw everything from the newest capture down to its oldest item (to the end when it
 * reached the end), so only that span is judged.
 */
export function vanishedIds(before: Item[], fetched: Item[], reachedEnd: boolean): Set<string> {
  const present = new Set(fetched.map((c) => c.id));
  const oldest = fetched.reduce<number | null>((min, c) => (min === null || c.seq < min ? c.seq : min), null);
  const gone = new Set<string>();
  for (const c of before) {
    if (!present.has(c.id) && (reachedEnd || (oldest !== null && c.seq >= oldest))) gone.add(c.id);
  }
  return gone;
}

/** Position of `item` in a newest-first list (binary search on `seq`), or -1. */
export function indexOfCapture(list: Item[], item: Item): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].seq === item.seq) return list[mid].id === item.id ? mid : -1;
    if (list[mid].seq > item.seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Position of the capture with this id, or -1 (a scan: selection keeps an id, not a seq). */
export const indexOfId = (list: Item[], id: string): number => list.findIndex((c) => c.id === id);
