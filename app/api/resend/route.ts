import { NextResponse } from "next/server";
import { authorizedBin, jsonBody, parse, route } from "@/lib/api.ts";
import { resend } from "@/lib/resend.ts";
import { RESEND_JSON_LIMIT, ResendRequestSchema } from "@/lib/schemas/resend.ts";
import { captureBinId } from "@/lib/store.ts";

export const POST = route(async (request) => {
  const input = parse(ResendRequestSchema, await jsonBody(request, RESEND_JSON_LIMIT), "resend request");
  // Recording an attempt on a capture of a private bin needs that bin's view token.
  if (input.captureId) await authorizedBin(request, await captureBinId(input.captureId));
  return NextResponse.json(await resend(input));
});
