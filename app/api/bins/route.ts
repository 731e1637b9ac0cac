import { NextResponse } from "next/server";
import type { CreatedBin } from "@/lib/schemas/bin.ts";
import lib from "@/app/server-lib.ts";

const { CreateBinSchema, createBin, jsonBody, methods, parse, publicOrigin, route, toBinView } = lib;

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route(async (request) => {
    const input = parse(CreateBinSchema, await jsonBody(request));
    const { bin, viewToken } = await createBin(input);
    const created: CreatedBin = { ...toBinView(bin, publicOrigin(request)), ...(viewToken ? { viewToken } : {}) };
    return NextResponse.json(created, { status: 201 });
  }),
});
