import { deleteCapturesBefore } from "./store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Deletes captures older than RETENTION_DAYS now and then hourly; does nothing when days is 0. */
export function startRetention(days: number): () => void {
  if (days <= 0) return () => {};
  const sweep = () =>
    deleteCapturesBefore(new Date(Date.now() - days * DAY_MS)).catch((error: unknown) => console.error("retention sweep failed", error));
  void sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
