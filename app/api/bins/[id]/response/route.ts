import { binRoute, jsonBody, methods, noContent, parse } from "@/lib/http/route.ts";
import { CustomResponseSchema } from "@/lib/schemas/bin.ts";
import { setBinResponse } from "@/lib/store/bins.ts";

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  PUT: binRoute<Params>(async (request, { id }) => {
    await setBinResponse(id, parse(CustomResponseSchema, await jsonBody(request)));
    return noContent();
  }),
  DELETE: binRoute<Params>(async (_request, { id }) => {
    await setBinResponse(id, null);
    return noContent();
  }),
});
