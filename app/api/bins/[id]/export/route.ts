import lib from "@/app/server-lib.ts";

const { ExportQuerySchema, binRoute, exportStream, methods, parse, publicOrigin, queryParams } = lib;

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (request, { id }) => {
    const { format, ids, ...filter } = parse(ExportQuerySchema, queryParams(request), "query");
    return new Response(exportStream(id, format, publicOrigin(request), ids, filter), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="hookjar-${id}.${format === "har" ? "har" : "json"}"`,
      },
    });
  }),
});
