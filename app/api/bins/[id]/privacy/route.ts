import { NextResponse } from "next/server";
import { binRoute, jsonBody, methods, parse } from "@/lib/http/route.ts";
import { BinPrivacySchema, type BinPrivacyAnswer } from "@/lib/schemas/bin.ts";
import { setBinPrivacy } from "@/lib/store/bins.ts";

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  PUT: binRoute<Params>(async (request, { id }) => {
    const { private: makePrivate } = parse(BinPrivacySchema, await jsonBody(request));
    const viewToken = await setBinPrivacy(id, makePrivate);
    return NextResponse.json({ private: makePrivate, ...(viewToken ? { viewToken } : {}) } satisfies BinPrivacyAnswer);
  }),
});
