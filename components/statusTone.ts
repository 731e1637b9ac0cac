/**
 * Background colour of an HTTP status badge (white text: each shade keeps a 4.5:1 contrast); null
 * (no answer at all) counts as a failure.
 */
export function statusTone(status: number | null): string {
  if (status === null || status >= 500) return "bg-rose-700";
  if (status >= 400) return "bg-amber-700";
  if (status >= 300) return "bg-sky-700";
  return "bg-emerald-700";
}
