import { route } from "@/lib/api.ts";
import { ApiError } from "@/lib/errors.ts";

// Unknown API paths answer in the API's error shape, not with Next's HTML page.
const unknown = route<{ path: string[] }>(async (request) => {
  throw new ApiError(404, "not_found", `No API route ${request.method} ${request.nextUrl.pathname}; see /api/openapi.json.`);
});

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
