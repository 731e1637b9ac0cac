import { NextResponse } from "next/server";
import { binRoute, methods, noContent } from "@/lib/http/route.ts";
import { deleteCapture, getCapture } from "@/lib/store/captures.ts";

type Params = { id: string; rid: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (_request, { id, rid }) => NextResponse.json(await getCapture(id, rid))),
  DELETE: binRoute<Params>(async (_request, { id, rid }) => {
    await deleteCapture(id, rid);
    return noContent();
  }),
});
