import { REFUSALS_PER_BIN, type RefusalReason, type RefusalView } from "@/lib/schemas/refusal.ts";

/** The inspector's list of refused requests: one row per reason and minute, newest first. */

const REASONS: Record<RefusalReason, string> = { payload_too_large: "too large", rate_limited: "rate limited" };
export const reasonLabel = (reason: RefusalReason) => REASONS[reason];

/**
 * `list` with `incoming` rows merged in by id. A row's count only grows, so of two copies of a
 * row the one with the higher count is the later one, whichever arrived last.
 */
export function mergeRefusals(list: readonly RefusalView[], incoming: readonly RefusalView[]): RefusalView[] {
  const byId = new Map(list.map((r) => [r.id, r]));
  for (const row of incoming) {
    const known = byId.get(row.id);
    if (!known || known.count <= row.count) byId.set(row.id, row);
  }
  return [...byId.values()]
    .sort((a, b) => b.lastAt.localeCompare(a.lastAt) || b.id.localeCompare(a.id))
    .slice(0, REFUSALS_PER_BIN);
}
