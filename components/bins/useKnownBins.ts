"use client";

import { useEffect, useState } from "react";
import { api, ApiRequestError } from "@/components/api/client.ts";
import { forgetBin, recentBins, type RecentBin } from "@/components/recentBins.ts";
import { manageKeyFor } from "./manageKeys.ts";

export type KnownBin = RecentBin & { requestCount: number; private: boolean; lastActivity: string | null; holdsKey: boolean };

/**
 * The bins this browser remembers, as the server sees them now: name, count and the newest
 * capture's time. A bin that answers 404 was deleted and is forgotten; a private one whose token
 * this browser lacks (401) is left out, but kept in case its link is opened again.
 */
export function useKnownBins(): KnownBin[] | null {
  const [bins, setBins] = useState<KnownBin[] | null>(null);
  useEffect(() => {
    let alive = true;
    Promise.all(recentBins().map(check)).then((checked) => alive && setBins(checked.filter((b): b is KnownBin => b !== null)));
    return () => {
      alive = false;
    };
  }, []);
  return bins;
}

async function check(bin: RecentBin): Promise<KnownBin | null> {
  const options = { token: bin.token };
  const params = { id: bin.id };
  try {
    const detail = await api("getBin", { params }, options);
    const newest = await api("listCaptures", { params, query: { limit: 1 } }, options).catch(() => null);
    return { ...bin, name: detail.name, requestCount: detail.requestCount, private: detail.private, lastActivity: newest?.items[0]?.receivedAt ?? null, holdsKey: manageKeyFor(bin.id) !== null };
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) forgetBin(bin.id);
    return null;
  }
}
