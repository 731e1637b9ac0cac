import { NextResponse } from "next/server";
import lib from "@/app/server-lib.ts";

const { binRoute, deleteCapture, getCapture, methods, noContent } = lib;

type Params = { id: string; rid: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (_request, { id, rid }) => NextResponse.json(await getCapture(id, rid))),
  DELETE: binRoute<Params>(async (_request, { id, rid }) => {
    await deleteCapture(id, rid);
    return noContent();
  }),
});
