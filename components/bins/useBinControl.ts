"use client";

import { useCallback, useEffect, useState } from "react";
import { api } from "@/components/api/client.ts";
import { keepManageKey, manageKeyFor, takeKeyFromFragment } from "./manageKeys.ts";

/**
 * Whether this browser may change the bin, and the ways to get or renew that right. A bin made
 * before manage keys (`managed` false) is anyone's to change; any other needs the key this browser
 * holds, from creating the bin, a `#key=` link, or a paste.
 */
export type BinControl = {
  managed: boolean;
  /** Changes made here will be accepted: the key is held, or the bin has none. */
  canManage: boolean;
  holdsKey: boolean;
  /** Keeps a pasted key. */
  keep: (key: string) => void;
  /** A new key (the bin's first, for one made before keys): kept here, and answered to be shown once. */
  renew: () => Promise<string>;
};

export function useBinControl(binId: string, initiallyManaged: boolean): BinControl {
  const [managed, setManaged] = useState(initiallyManaged);
  const [key, setKey] = useState<string | null>(null);
  useEffect(() => {
    // A key handed over in the address is kept, then taken out of the address bar.
    takeKeyFromFragment(binId);
    setKey(manageKeyFor(binId));
  }, [binId]);
  const keep = useCallback(
    (next: string) => {
      keepManageKey(binId, next);
      setKey(next);
    },
    [binId],
  );
  const renew = useCallback(async () => {
    const { manageKey } = await api("rotateManageKey", { params: { id: binId } });
    keep(manageKey);
    setManaged(true);
    return manageKey;
  }, [binId, keep]);
  return { managed, canManage: !managed || key !== null, holdsKey: key !== null, keep, renew };
}
