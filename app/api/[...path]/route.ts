import lib from "@/app/server-lib.ts";

// Every /api/* request: the operation list (lib/schemas/operations.ts) routes, validates and answers
// it, unknown paths and wrong methods included, all in the API's error shape.
const { handleApi } = lib;

export { handleApi as GET, handleApi as HEAD, handleApi as POST, handleApi as PUT, handleApi as PATCH, handleApi as DELETE, handleApi as OPTIONS };
