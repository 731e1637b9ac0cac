import lib from "@/app/server-lib.ts";

const { AppError, route } = lib;

// Unknown API paths answer in the API's error shape, not with Next's HTML page.
const unknown = route<{ path: string[] }>(async (request) => {
  throw new AppError("not_found", `No API route ${request.method} ${new URL(request.url).pathname}; see /api/openapi.json.`);
});

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
