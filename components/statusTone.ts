/** Background colour of an HTTP status badge; null (no answer at all) counts as a failure. */
export function statusTone(status: number | null): string {
  if (status === null || status >= 500) return "bg-rose-600";
  if (status >= 400) return "bg-amber-500";
  if (status >= 300) return "bg-sky-600";
  return "bg-emerald-600";
}
