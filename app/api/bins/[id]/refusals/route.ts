import { NextResponse } from "next/server";
import { binRoute, methods } from "@/lib/http/route.ts";
import type { RefusalList } from "@/lib/schemas/refusal.ts";
import { listRefusals } from "@/lib/store/refusals.ts";

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: binRoute<Params>(async (_request, { id }) => NextResponse.json({ items: await listRefusals(id) } satisfies RefusalList)),
});
