import lib from "@/app/server-lib.ts";

const { CustomResponseSchema, binRoute, jsonBody, methods, noContent, parse, setBinResponse } = lib;

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
