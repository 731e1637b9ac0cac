/** Private bins over HTTP: where a request carries the view token. Pure: no database here. */

export const tokenCookie = (binId: string) => `hookjar_${binId}`;

/** The token a request carries: `Authorization: Bearer`, `?token=`, or the inspector's cookie. */
export function requestToken(request: Request, binId: string): string | null {
  const auth = request.headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
  const query = new URL(request.url).searchParams.get("token");
  if (query) return query;
  return cookieValue(request.headers.get("cookie"), tokenCookie(binId));
}

export function cookieValue(header: string | null | undefined, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}
