import { binRoute } from "@/lib/api.ts";
import { getCaptureBody } from "@/lib/store.ts";

type Params = { id: string; rid: string };

export const GET = binRoute<Params>(async (request, { id, rid }) => {
  const { bytes, contentType } = await getCaptureBody(id, rid);
  const download = request.nextUrl.searchParams.has("download");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": contentType ?? "application/octet-stream",
      // A captured HTML or SVG body must never run as this origin's page.
      "content-security-policy": "sandbox; default-src 'none'",
      "x-content-type-options": "nosniff",
      ...(download ? { "content-disposition": `attachment; filename="${rid}.bin"` } : {}),
    },
  });
});
