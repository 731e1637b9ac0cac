import { route } from "@/lib/http/route.ts";
import { ApiError } from "@/lib/http/errors.ts";

// Unknown API paths answer in the API's error shape, not with Next's HTML page.
const unknown = route<{ path: string[] }>(async (request) => {
  throw new ApiError("not_found", `No API route ${request.method} ${request.nextUrl.pathname}; see /api/openapi.json.`);
});

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
