import { NextResponse } from "next/server";
import type { RuleList } from "@/lib/schemas/rules.ts";
import lib from "@/app/server-lib.ts";

const { RulesSchema, binRoute, binRules, jsonBody, methods, noContent, parse, setBinRules } = lib;

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (_request, _params, bin) => NextResponse.json({ rules: binRules(bin) } satisfies RuleList)),
  PUT: binRoute<Params>(async (request, { id }) => {
    const { rules } = parse(RulesSchema, await jsonBody(request), "rules");
    return NextResponse.json({ rules: await setBinRules(id, rules) } satisfies RuleList);
  }),
  DELETE: binRoute<Params>(async (_request, { id }) => {
    await setBinRules(id, []);
    return noContent();
  }),
});
