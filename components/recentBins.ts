import { dropManageKey } from "./bins/manageKeys.ts";

/**
 * Bins this browser created or opened, most recent first, so a user can find them again (kept in
 * localStorage, with a private bin's view token: the list asks the API about it with that token).
 */

export type RecentBin = { id: string; name: string | null; href: string; createdAt?: string; token?: string };

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

/** Drops a bin that no longer exists, and its manage key. */
export function forgetBin(id: string) {
  dropManageKey(id);
  try {
    const rest = recentBins().filter((b) => b.id !== id);
    localStorage.setItem(KEY, JSON.stringify(rest));
  } catch {
    // Storage unavailable: nothing was remembered either.
  }
}
