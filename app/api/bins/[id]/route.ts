import { NextResponse } from "next/server";
import { noContent, publicOrigin, binRoute } from "@/lib/api.ts";
import { countCaptures, deleteBin } from "@/lib/store.ts";
import { toBinDetail } from "@/lib/views.ts";

type Params = { id: string };

export const GET = binRoute<Params>(async (request, { id }, bin) => {
  return NextResponse.json(toBinDetail(bin, publicOrigin(request), await countCaptures(id)));
});

export const DELETE = binRoute<Params>(async (_request, { id }) => {
  await deleteBin(id);
  return noContent();
});
