import { NextResponse } from "next/server";
import lib from "@/app/server-lib.ts";

const { RESEND_JSON_LIMIT, ResendRequestSchema, authorizedBin, captureBinId, jsonBody, methods, parse, resend, route } = lib;

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route(async (request) => {
    const input = parse(ResendRequestSchema, await jsonBody(request, RESEND_JSON_LIMIT), "resend request");
    // Recording an attempt on a capture of a private bin needs that bin's view token.
    if (input.captureId) await authorizedBin(request, await captureBinId(input.captureId));
    return NextResponse.json(await resend(input));
  }),
});
