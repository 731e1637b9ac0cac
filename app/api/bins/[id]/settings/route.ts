import { NextResponse } from "next/server";
import type { BinSettings } from "@/lib/schemas/bin.ts";
import type { CustomResponse } from "@/lib/schemas/bin.ts";
import lib from "@/app/server-lib.ts";

const { BinSettingsSchema, binRoute, binRules, forwardOf, jsonBody, methods, noContent, parse, saveForward, setBinForward, setBinName, setBinResponse, setBinRules } = lib;

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (_request, _params, bin) =>
    NextResponse.json({
      name: bin.name,
      response: (bin.response as CustomResponse | null) ?? null,
      forward: forwardOf(bin),
      rules: binRules(bin),
    } satisfies BinSettings),
  ),
  PUT: binRoute<Params>(async (request, { id }) => {
    // Everything is validated before anything is written: a bad document changes nothing.
    const settings = parse(BinSettingsSchema, await jsonBody(request), "settings");
    if (settings.forward) await saveForward(id, settings.forward);
    else if (settings.forward === null) await setBinForward(id, null);
    if (settings.name !== undefined) await setBinName(id, settings.name);
    if (settings.response !== undefined) await setBinResponse(id, settings.response);
    if (settings.rules !== undefined) await setBinRules(id, settings.rules);
    return noContent();
  }),
});
