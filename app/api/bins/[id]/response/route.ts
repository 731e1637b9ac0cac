import { jsonBody, noContent, parse, binRoute } from "@/lib/api.ts";
import { CustomResponseSchema } from "@/lib/schemas/bin.ts";
import { setBinResponse } from "@/lib/store.ts";

type Params = { id: string };

export const PUT = binRoute<Params>(async (request, { id }) => {
  await setBinResponse(id, parse(CustomResponseSchema, await jsonBody(request)));
  return noContent();
});

export const DELETE = binRoute<Params>(async (_request, { id }) => {
  await setBinResponse(id, null);
  return noContent();
});
