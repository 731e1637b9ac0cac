import { NextResponse } from "next/server";
import { jsonBody, parse, route } from "@/lib/api.ts";
import { resend } from "@/lib/resend.ts";
import { ResendRequestSchema } from "@/lib/schemas/resend.ts";

export const POST = route(async (request) =>
  NextResponse.json(await resend(parse(ResendRequestSchema, await jsonBody(request), "resend request"))),
);
