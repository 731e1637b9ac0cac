import { NextResponse } from "next/server";
import lib from "@/app/server-lib.ts";

const { VerifyRequestSchema, binRoute, jsonBody, methods, parse, verifyCapture } = lib;

type Params = { id: string; rid: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: binRoute<Params>(async (request, { id, rid }) => {
    const input = parse(VerifyRequestSchema, await jsonBody(request), "verify request");
    return NextResponse.json(await verifyCapture(id, rid, input));
  }),
});
