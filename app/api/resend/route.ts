import { NextResponse } from "next/server";
import { authorizedBin, jsonBody, methods, parse, route } from "@/lib/http/route.ts";
import { resend } from "@/lib/outbound/resend.ts";
import { RESEND_JSON_LIMIT, ResendRequestSchema } from "@/lib/schemas/resend.ts";
import { captureBinId } from "@/lib/store/captures.ts";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route(async (request) => {
    const input = parse(ResendRequestSchema, await jsonBody(request, RESEND_JSON_LIMIT), "resend request");
    // Recording an attempt on a capture of a private bin needs that bin's view token.
    if (input.captureId) await authorizedBin(request, await captureBinId(input.captureId));
    return NextResponse.json(await resend(input));
  }),
});
