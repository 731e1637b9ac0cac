import { NextResponse } from "next/server";
import { noContent, parse, queryParams, binRoute } from "@/lib/api.ts";
import { announceCleared } from "@/lib/realtime.ts";
import { ListCapturesQuerySchema } from "@/lib/schemas/capture.ts";
import { clearCaptures, listCaptures } from "@/lib/store.ts";

type Params = { id: string };

export const GET = binRoute<Params>(async (request, { id }) => {
  const query = parse(ListCapturesQuerySchema, queryParams(request), "query");
  return NextResponse.json(await listCaptures(id, query));
});

export const DELETE = binRoute<Params>(async (_request, { id }) => {
  await clearCaptures(id);
  announceCleared(id);
  return noContent();
});
