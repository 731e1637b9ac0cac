import { NextResponse } from "next/server";
import { noContent, binRoute } from "@/lib/api.ts";
import { announceDeleted } from "@/lib/realtime.ts";
import { deleteCapture, getCapture } from "@/lib/store.ts";

type Params = { id: string; rid: string };

export const GET = binRoute<Params>(async (_request, { id, rid }) => NextResponse.json(await getCapture(id, rid)));

export const DELETE = binRoute<Params>(async (_request, { id, rid }) => {
  await deleteCapture(id, rid);
  announceDeleted(id, rid);
  return noContent();
});
