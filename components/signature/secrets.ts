"use client";

import { useCallback, useSyncExternalStore } from "react";

/**
 * A bin's signing secret, pasted once and kept in this browser only (localStorage): the server
 * never stores it, so it is sent along with each verify or re-sign call instead.
 */

const key = (binId: string) => `hookjar:signing-secret:${binId}`;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab pasting or forgetting the secret counts too.
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export function readSecret(binId: string): string | null {
  return localStorage.getItem(key(binId));
}

export function saveSecret(binId: string, secret: string | null) {
  if (secret) localStorage.setItem(key(binId), secret);
  else localStorage.removeItem(key(binId));
  for (const listener of listeners) listener();
}

export function useSigningSecret(binId: string): [string | null, (secret: string | null) => void] {
  const secret = useSyncExternalStore(subscribe, () => readSecret(binId), () => null);
  return [secret, useCallback((s: string | null) => saveSecret(binId, s), [binId])];
}
