import lib from "@/app/server-lib.ts";

const { BodyQuerySchema, binRoute, config, contentCodings, decodeContent, extensionFor, getCaptureBody, methods, parse, queryParams } = lib;

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
