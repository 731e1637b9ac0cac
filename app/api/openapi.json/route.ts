import { NextResponse } from "next/server";
import { methods, publicOrigin, route } from "@/lib/http/route.ts";
import { openApiDocument } from "@/lib/http/openapi.ts";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: route(async (request) => NextResponse.json(openApiDocument(publicOrigin(request)))),
});
