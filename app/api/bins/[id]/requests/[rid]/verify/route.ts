import { NextResponse } from "next/server";
import { binRoute, jsonBody, methods, parse } from "@/lib/http/route.ts";
import { VerifyRequestSchema } from "@/lib/schemas/signature.ts";
import { verifyCapture } from "@/lib/signatures/verify.ts";

type Params = { id: string; rid: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: binRoute<Params>(async (request, { id, rid }) => {
    const input = parse(VerifyRequestSchema, await jsonBody(request), "verify request");
    return NextResponse.json(await verifyCapture(id, rid, input));
  }),
});
