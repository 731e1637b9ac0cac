/** Bins this browser created, newest first, so a user can find them again (kept in localStorage). */

export type RecentBin = { id: string; name: string | null; href: string; createdAt: string };

const KEY = "hookjar:recent-bins";
const MAX = 20;

export function recentBins(): RecentBin[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export function rememberBin(bin: RecentBin) {
  const rest = recentBins().filter((b) => b.id !== bin.id);
  localStorage.setItem(KEY, JSON.stringify([bin, ...rest].slice(0, MAX)));
}

/** Drops a bin that no longer exists. */
export function forgetBin(id: string) {
  try {
    const rest = recentBins().filter((b) => b.id !== id);
    localStorage.setItem(KEY, JSON.stringify(rest));
  } catch {
    // Storage unavailable: nothing was remembered either.
  }
}
