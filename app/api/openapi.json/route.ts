import { NextResponse } from "next/server";
import lib from "@/app/server-lib.ts";

const { methods, openApiDocument, publicOrigin, route } = lib;

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: route(async (request) => NextResponse.json(openApiDocument(publicOrigin(request)))),
});
