import { NextResponse } from "next/server";
import type { BinPrivacyAnswer } from "@/lib/schemas/bin.ts";
import lib from "@/app/server-lib.ts";

const { BinPrivacySchema, binRoute, jsonBody, methods, parse, setBinPrivacy } = lib;

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  PUT: binRoute<Params>(async (request, { id }) => {
    const { private: makePrivate } = parse(BinPrivacySchema, await jsonBody(request));
    const viewToken = await setBinPrivacy(id, makePrivate);
    return NextResponse.json({ private: makePrivate, ...(viewToken ? { viewToken } : {}) } satisfies BinPrivacyAnswer);
  }),
});
