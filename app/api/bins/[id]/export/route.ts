import { parse, publicOrigin, queryParams, route } from "@/lib/api.ts";
import { exportStream } from "@/lib/export.ts";
import { ExportQuerySchema } from "@/lib/schemas/capture.ts";
import { getBin } from "@/lib/store.ts";

type Params = { id: string };

export const GET = route<Params>(async (request, { id }) => {
  const { format, ids } = parse(ExportQuerySchema, queryParams(request), "query");
  await getBin(id);
  return new Response(exportStream(id, format, publicOrigin(request), ids), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="hookjar-${id}.${format === "har" ? "har" : "json"}"`,
    },
  });
});
