"use client";

import { useEffect, useState } from "react";
import type { RefusalView } from "@/lib/schemas/refusal.ts";
import { fetchRefusals } from "./api.ts";
import { mergeRefusals } from "./refusals.ts";
import type { Connection, LiveSocket } from "./useLiveBin.ts";

/**
 * The bin's refused requests kept live: `refusal:updated` merges a row in, a clear empties the
 * list, and every (re)connect takes the server's rows, so refusals missed while away show too.
 */
export function useRefusals(binId: string, initial: RefusalView[], socket: LiveSocket | null, connection: Connection): RefusalView[] {
  const [rows, setRows] = useState(initial);

  useEffect(() => {
    if (!socket) return;
    const updated = (row: RefusalView) => row.binId === binId && setRows((list) => mergeRefusals(list, [row]));
    const cleared = (event: { binId: string }) => event.binId === binId && setRows([]);
    socket.on("refusal:updated", updated);
    socket.on("bin:cleared", cleared);
    return () => {
      socket.off("refusal:updated", updated);
      socket.off("bin:cleared", cleared);
    };
  }, [socket, binId]);

  useEffect(() => {
    if (connection !== "live") return;
    let current = true;
    fetchRefusals(binId).then(
      // Rows the server no longer has (cleared, pruned) go; a live update that overtook the fetch stays.
      (fetched) => current && setRows((list) => mergeRefusals(fetched, list.filter((r) => fetched.some((f) => f.id === r.id)))),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [binId, connection]);

  return rows;
}
