/** Where a request carries its secrets: view tokens, manage keys, the admin token. Pure: no database here. */

export const tokenCookie = (binId: string) => `hookjar_${binId}`;

/** The `Authorization: Bearer` token, the only place a manage key or the admin token is taken from. */
export function bearerToken(request: Request): string | null {
  const auth = request.headers.get("authorization");
  return auth?.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : null;
}

/** Every token a request carries for reading a bin: `Authorization: Bearer`, `?token=`, the inspector's cookie. */
export function requestTokens(request: Request, binId: string): string[] {
  const tokens = [bearerToken(request), new URL(request.url).searchParams.get("token"), cookieValue(request.headers.get("cookie"), tokenCookie(binId))];
  return tokens.filter((t): t is string => Boolean(t));
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
