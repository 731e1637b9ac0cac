import { NextResponse } from "next/server";
import { noContent, route } from "@/lib/api.ts";
import { announceDeleted } from "@/lib/realtime.ts";
import { deleteCapture, getCapture } from "@/lib/store.ts";

type Params = { id: string; rid: string };

export const GET = route<Params>(async (_request, { id, rid }) => NextResponse.json(await getCapture(id, rid)));

export const DELETE = route<Params>(async (_request, { id, rid }) => {
  await deleteCapture(id, rid);
  announceDeleted(id, rid);
  return noContent();
});
