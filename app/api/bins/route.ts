import { NextResponse } from "next/server";
import { jsonBody, parse, publicOrigin, route } from "@/lib/api.ts";
import { CreateBinSchema } from "@/lib/schemas/bin.ts";
import { createBin } from "@/lib/store.ts";
import { toBinView } from "@/lib/views.ts";

export const POST = route(async (request) => {
  const input = parse(CreateBinSchema, await jsonBody(request));
  const { bin, viewToken } = await createBin(input);
  const view = toBinView(bin, publicOrigin(request));
  return NextResponse.json(viewToken ? { ...view, viewToken } : view, { status: 201 });
});
