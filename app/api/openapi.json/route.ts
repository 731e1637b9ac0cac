import { NextResponse } from "next/server";
import { publicOrigin, route } from "@/lib/api.ts";
import { openApiDocument } from "@/lib/openapi.ts";

export const GET = route(async (request) => NextResponse.json(openApiDocument(publicOrigin(request))));
