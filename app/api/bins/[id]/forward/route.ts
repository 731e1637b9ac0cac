import { binRoute, jsonBody, methods, noContent, parse } from "@/lib/http/route.ts";
import { saveForward } from "@/lib/outbound/forward.ts";
import { ForwardSchema } from "@/lib/schemas/bin.ts";
import { setBinForward } from "@/lib/store/bins.ts";

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  PUT: binRoute<Params>(async (request, { id }) => {
    await saveForward(id, parse(ForwardSchema, await jsonBody(request)));
    return noContent();
  }),
  DELETE: binRoute<Params>(async (_request, { id }) => {
    await setBinForward(id, null);
    return noContent();
  }),
});
