import { NextResponse } from "next/server";
import { binRoute, methods, noContent, parse, queryParams } from "@/lib/http/route.ts";
import { ListCapturesQuerySchema } from "@/lib/schemas/capture.ts";
import { clearCaptures, listCaptures } from "@/lib/store/captures.ts";

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (request, { id }) => {
    const query = parse(ListCapturesQuerySchema, queryParams(request), "query");
    return NextResponse.json(await listCaptures(id, query));
  }),
  DELETE: binRoute<Params>(async (_request, { id }) => {
    await clearCaptures(id);
    return noContent();
  }),
});
