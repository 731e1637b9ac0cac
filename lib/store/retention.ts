import { deleteCapturesBefore } from "./captures.ts";
import { deleteRefusalsBefore } from "./refusals.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes captures (and refusal rows) older than `days` now and then regularly; does nothing when days is 0. The
 * sweep runs hourly, or ten times per retention period when that is shorter (RETENTION_DAYS may
 * be a fraction), so no capture outlives its period by more than a tenth of it.
 */
export function startRetention(days: number): () => void {
  if (days <= 0) return () => {};
  const keepMs = days * DAY_MS;
  // Refused requests are kept as long as captures.
  const sweep = () => {
    const before = new Date(Date.now() - keepMs);
    return Promise.all([deleteCapturesBefore(before), deleteRefusalsBefore(before)]).catch((error: unknown) => console.error("retention sweep failed", error));
  };
  void sweep();
  const timer = setInterval(sweep, Math.max(100, Math.min(HOUR_MS, keepMs / 10)));
  timer.unref();
  return () => clearInterval(timer);
}
