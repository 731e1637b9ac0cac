import { NextResponse } from "next/server";
import lib from "@/app/server-lib.ts";

const { binRoute, countCaptures, deleteBin, lastForward, methods, noContent, publicOrigin, toBinDetail } = lib;

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
