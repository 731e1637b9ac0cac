/**
 * The manage keys this browser holds, by bin id (localStorage). A key reaches a browser three
 * ways: the answer that created the bin, a `#key=` fragment (never sent to any server), or a paste.
 * The API client sends a bin's key with every change to it (components/api/client.ts).
 */

const STORE = "hookjar:manage-keys";

function all(): Record<string, string> {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORE) ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

export function manageKeyFor(binId: string): string | null {
  return all()[binId] ?? null;
}

export function keepManageKey(binId: string, key: string): void {
  localStorage.setItem(STORE, JSON.stringify({ ...all(), [binId]: key }));
}

export function dropManageKey(binId: string): void {
  try {
    const { [binId]: _dropped, ...rest } = all();
    localStorage.setItem(STORE, JSON.stringify(rest));
  } catch {
    // Storage unavailable: no key was kept either.
  }
}

/**
 * Takes a key handed over in the address's `#key=` fragment: keeps it for the bin and removes it
 * from the address bar (and so from history and from links copied off it). Answers whether one came.
 */
export function takeKeyFromFragment(binId: string): boolean {
  const match = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (!match) return false;
  keepManageKey(binId, decodeURIComponent(match[1]));
  history.replaceState(history.state, "", location.pathname + location.search);
  return true;
}

/** The address that hands the key to another browser: the fragment stays on the reader's side. */
export const keyLink = (inspectUrl: string, key: string) => `${inspectUrl}#key=${encodeURIComponent(key)}`;
