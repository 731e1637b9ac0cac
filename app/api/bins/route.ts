import { NextResponse } from "next/server";
import { jsonBody, methods, parse, publicOrigin, route } from "@/lib/http/route.ts";
import { CreateBinSchema, type CreatedBin } from "@/lib/schemas/bin.ts";
import { createBin } from "@/lib/store/bins.ts";
import { toBinView } from "@/lib/store/views.ts";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route(async (request) => {
    const input = parse(CreateBinSchema, await jsonBody(request));
    const { bin, viewToken } = await createBin(input);
    const created: CreatedBin = { ...toBinView(bin, publicOrigin(request)), ...(viewToken ? { viewToken } : {}) };
    return NextResponse.json(created, { status: 201 });
  }),
});
