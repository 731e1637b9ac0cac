import { NextResponse, type NextRequest } from "next/server";
// A pure function of lib/ (no state), so bundling it here makes no second copy of anything.
import { tokenCookie } from "./lib/http/access.ts";

// A private bin's inspector link carries ?token=…; keep it in a cookie scoped to the bin and drop it
// from the address bar, so it is not left in history or pasted on by accident. The page itself
// checks the token.
export function proxy(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token");
  if (!token) return NextResponse.next();
  const binId = request.nextUrl.pathname.split("/")[2];
  const clean = request.nextUrl.clone();
  clean.searchParams.delete("token");
  const response = NextResponse.redirect(clean);
  response.cookies.set(tokenCookie(binId), token, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  return response;
}

export const config = { matcher: ["/bins/:id"] };
