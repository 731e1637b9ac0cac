/** Where a capture goes: `/b/{binId}[/sub/path][?query]`, taken exactly as sent. */

export const CAPTURE_PREFIX = "/b/";

export function isCapturePath(url: string | undefined): boolean {
  return !!url && url.startsWith(CAPTURE_PREFIX);
}

/** Splits the request target exactly as sent: no decoding, no normalisation. */
export function parseCaptureTarget(url: string) {
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? "" : url.slice(q + 1);
  const rest = pathname.slice(CAPTURE_PREFIX.length);
  const slash = rest.indexOf("/");
  if (slash === -1) return { binId: rest, path: "/", query };
  return { binId: rest.slice(0, slash), path: rest.slice(slash), query };
}
