"use client";

import { useEffect, useState } from "react";
import type { BinDetail } from "@/lib/schemas/bin.ts";
import type { CapturePage } from "@/lib/schemas/capture.ts";
import { forgetBin, recentBins, type RecentBin } from "@/components/recentBins.ts";

export type KnownBin = RecentBin & { requestCount: number; private: boolean; lastActivity: string | null };

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
  const url = `/api/bins/${encodeURIComponent(bin.id)}`;
  const init: RequestInit = { cache: "no-store", headers: bin.token ? { authorization: `Bearer ${bin.token}` } : {} };
  const res = await fetch(url, init).catch(() => null);
  if (res?.status === 404) forgetBin(bin.id);
  if (!res?.ok) return null;
  const detail = (await res.json()) as BinDetail;
  const newest = await fetch(`${url}/requests?limit=1`, init)
    .then((r) => (r.ok ? (r.json() as Promise<CapturePage>) : null))
    .catch(() => null);
  return { ...bin, name: detail.name, requestCount: detail.requestCount, private: detail.private, lastActivity: newest?.items[0]?.receivedAt ?? null };
}
