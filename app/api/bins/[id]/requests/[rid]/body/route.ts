import { binRoute, methods } from "@/lib/http/route.ts";
import { getCaptureBody } from "@/lib/store/captures.ts";
import { extensionFor } from "@/lib/wire/extension.ts";

type Params = { id: string; rid: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (request, { id, rid }) => {
  const { bytes, contentType } = await getCaptureBody(id, rid);
  const download = request.nextUrl.searchParams.has("download");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": contentType ?? "application/octet-stream",
      // A captured HTML or SVG body must never run as this origin's page.
      "content-security-policy": "sandbox; default-src 'none'",
      "x-content-type-options": "nosniff",
      ...(download ? { "content-disposition": `attachment; filename="${rid}${extensionFor(contentType)}"` } : {}),
    },
  });
}),
});
