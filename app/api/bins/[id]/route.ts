import { NextResponse } from "next/server";
import { noContent, publicOrigin, route } from "@/lib/api.ts";
import { countCaptures, deleteBin, getBin } from "@/lib/store.ts";
import { toBinDetail } from "@/lib/views.ts";

type Params = { id: string };

export const GET = route<Params>(async (request, { id }) => {
  const bin = await getBin(id);
  return NextResponse.json(toBinDetail(bin, publicOrigin(request), await countCaptures(id)));
});

export const DELETE = route<Params>(async (_request, { id }) => {
  await deleteBin(id);
  return noContent();
});
