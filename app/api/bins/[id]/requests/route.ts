import { NextResponse } from "next/server";
import lib from "@/app/server-lib.ts";

const { ListCapturesQuerySchema, binRoute, clearCaptures, listCaptures, methods, noContent, parse, queryParams } = lib;

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
