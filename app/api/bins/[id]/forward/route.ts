import lib from "@/app/server-lib.ts";

const { ForwardSchema, binRoute, jsonBody, methods, noContent, parse, saveForward, setBinForward } = lib;

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
