/**
 * Takes from the head of `queue` what one multi-row INSERT stores: at most `rows` items and, past
 * the first (which goes whatever its size), at most `bytes` by `size`. The capture writer and the
 * attempts' writer both batch this way.
 */
export function takeBatch<T>(queue: T[], rows: number, bytes: number, size: (item: T) => number): T[] {
  let n = 0;
  for (let total = 0; n < queue.length && n < rows && (n === 0 || total + size(queue[n]) <= bytes); n++) total += size(queue[n]);
  return queue.splice(0, n);
}
