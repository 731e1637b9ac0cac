import { binRoute, methods, parse, queryParams } from "@/lib/http/route.ts";
import { decodeContent } from "@/lib/http/content-decoding.ts";
import { config } from "@/lib/runtime/config.ts";
import { BodyQuerySchema } from "@/lib/schemas/capture.ts";
import { getCaptureBody } from "@/lib/store/captures.ts";
import { contentCodings } from "@/lib/wire/headers.ts";
import { extensionFor } from "@/lib/wire/extension.ts";

type Params = { id: string; rid: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (request, { id, rid }) => {
    const { download, decode } = parse(BodyQuerySchema, queryParams(request), "query");
    const { bytes, contentType, headers } = await getCaptureBody(id, rid);
    const codings = decode ? contentCodings(headers) : null;
    const body = codings ? await decodeContent(bytes, codings, config.MAX_BODY_BYTES) : bytes;
    return new Response(new Uint8Array(body), {
      headers: {
        "content-type": contentType ?? "application/octet-stream",
        // A captured HTML or SVG body must never run as this origin's page.
        "content-security-policy": "sandbox; default-src 'none'",
        "x-content-type-options": "nosniff",
        ...(codings ? { "x-hookjar-decoded": codings.join(", ") } : {}),
        ...(download !== undefined ? { "content-disposition": `attachment; filename="${rid}${extensionFor(contentType)}"` } : {}),
      },
    });
  }),
});
