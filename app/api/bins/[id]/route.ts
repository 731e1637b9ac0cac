import { NextResponse } from "next/server";
import { binRoute, methods, noContent, publicOrigin } from "@/lib/http/route.ts";
import { countCaptures, deleteBin } from "@/lib/store/bins.ts";
import { toBinDetail } from "@/lib/store/views.ts";

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (request, { id }, bin) => {
    return NextResponse.json(toBinDetail(bin, publicOrigin(request), await countCaptures(id)));
  }),
  DELETE: binRoute<Params>(async (_request, { id }) => {
    await deleteBin(id);
    return noContent();
  }),
});
