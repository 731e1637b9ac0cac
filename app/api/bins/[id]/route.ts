import { NextResponse } from "next/server";
import { binRoute, methods, noContent, publicOrigin } from "@/lib/http/route.ts";
import { lastForward } from "@/lib/store/attempts.ts";
import { countCaptures, deleteBin } from "@/lib/store/bins.ts";
import { toBinDetail } from "@/lib/store/views.ts";

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (request, { id }, bin) => {
    const [count, forward] = await Promise.all([countCaptures(id), lastForward(id)]);
    return NextResponse.json(toBinDetail(bin, publicOrigin(request), count, forward));
  }),
  DELETE: binRoute<Params>(async (_request, { id }) => {
    await deleteBin(id);
    return noContent();
  }),
});
