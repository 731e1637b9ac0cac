"use client";

import { useCallback, useSyncExternalStore } from "react";
import type { Scheme } from "@/lib/schemas/signature.ts";

/**
 * A bin's signing secrets, one per scheme, pasted once and kept in this browser only
 * (localStorage): the server never stores them, so each verify or re-sign call carries one. One
 * bin often takes GitHub, Stripe and Slack deliveries at once, each signed with its own secret, so
 * a capture is only ever judged by the secret of its own scheme.
 */

const key = (binId: string, scheme: Scheme) => `hookjar:signing-secret:${binId}:${scheme}`;
// Before secrets were kept per scheme a bin had one, under this key; see `claimUnsortedSecret`.
const unsortedKey = (binId: string) => `hookjar:signing-secret:${binId}`;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab pasting or forgetting a secret counts too.
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

const changed = () => {
  for (const listener of listeners) listener();
};

export function readSecret(binId: string, scheme: Scheme): string | null {
  return localStorage.getItem(key(binId, scheme));
}

export function saveSecret(binId: string, scheme: Scheme, secret: string | null) {
  if (secret) localStorage.setItem(key(binId, scheme), secret);
  else localStorage.removeItem(key(binId, scheme));
  changed();
}

/** The secret a bin had before secrets were kept per scheme, not yet given to one; null when none. */
export function unsortedSecret(binId: string): string | null {
  return localStorage.getItem(unsortedKey(binId));
}

/**
 * Gives the old single secret to the scheme it was found to sign (a capture of that scheme verified
 * with it), so it is never held against captures of other schemes.
 */
export function claimUnsortedSecret(binId: string, scheme: Scheme, secret: string) {
  if (unsortedSecret(binId) !== secret) return;
  localStorage.removeItem(unsortedKey(binId));
  if (!readSecret(binId, scheme)) localStorage.setItem(key(binId, scheme), secret);
  changed();
}

/** The bin's secret for one scheme (none when `scheme` is null), and a setter; live across tabs. */
export function useSigningSecret(binId: string, scheme: Scheme | null): [string | null, (secret: string | null) => void] {
  const secret = useSyncExternalStore(subscribe, () => (scheme ? readSecret(binId, scheme) : null), () => null);
  return [secret, useCallback((s: string | null) => scheme && saveSecret(binId, scheme, s), [binId, scheme])];
}

/** The old single secret while it is unsorted; live across tabs. */
export function useUnsortedSecret(binId: string): string | null {
  return useSyncExternalStore(subscribe, () => unsortedSecret(binId), () => null);
}
