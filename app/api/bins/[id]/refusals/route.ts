import { NextResponse } from "next/server";
import type { RefusalList } from "@/lib/schemas/refusal.ts";
import lib from "@/app/server-lib.ts";

const { binRoute, listRefusals, methods } = lib;

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (_request, { id }) => NextResponse.json({ items: await listRefusals(id) } satisfies RefusalList)),
});
