import { jsonBody, noContent, parse, binRoute } from "@/lib/api.ts";
import { ForwardSchema } from "@/lib/schemas/bin.ts";
import { setBinForward } from "@/lib/store.ts";

type Params = { id: string };

export const PUT = binRoute<Params>(async (request, { id }) => {
  await setBinForward(id, parse(ForwardSchema, await jsonBody(request)));
  return noContent();
});

export const DELETE = binRoute<Params>(async (_request, { id }) => {
  await setBinForward(id, null);
  return noContent();
});
