import { AppError } from "../runtime/errors.ts";
import { operations, type Operation, type OperationId } from "../schemas/operations.ts";
import { toErrorResponse } from "./errors.ts";
import { handlers } from "./handlers.ts";
import { authorizedBin, jsonBody, managedBin, parse, publicOrigin } from "./request.ts";
import { captureBinId } from "../store/captures.ts";
import { isAdmin } from "../runtime/grants.ts";
import { bearerToken } from "./access.ts";
import { replayBinId } from "../store/replays.ts";

/**
 * The REST API's one entry: finds the operation (lib/schemas/operations.ts) for the method and path,
 * checks the bin's access, parses query and body with the operation's schemas, runs its handler and
 * answers JSON, or the contract's error shape for anything thrown.
 */

type Route = { id: OperationId; pattern: RegExp; names: string[] };

const routes: Route[] = Object.entries(operations).map(([id, op]) => {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const literal = op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^${literal.replace(/\{\w+\}/g, "([^/]+)")}$`);
  return { id: id as OperationId, pattern, names };
});

/** The operation for the method and path, or (for OPTIONS) just the methods the path takes. */
function find(method: string, pathname: string): { id: OperationId; params: Record<string, string>; allow: string } | { id: null; allow: string } {
  const matches = routes.flatMap((route) => {
    const m = route.pattern.exec(pathname);
    return m ? [{ route, values: m.slice(1) }] : [];
  });
  if (matches.length === 0) throw new AppError("not_found", `No API route ${method} ${pathname}; see /api/openapi.json.`);
  const allowed = matches.map((m) => operations[m.route.id].method);
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  if (method === "OPTIONS") return { id: null, allow };
  // HEAD is GET without the body.
  const wanted = method === "HEAD" ? "GET" : method;
  const match = matches.find((m) => operations[m.route.id].method === wanted);
  if (!match) throw new AppError("method_not_allowed", `${method} is not allowed on ${pathname}; it takes ${allowed.join(", ")}.`, {}, { allow });
  let params: Record<string, string>;
  try {
    params = Object.fromEntries(match.route.names.map((name, i) => [name, decodeURIComponent(match.values[i])]));
  } catch {
    throw new AppError("invalid_request", `The path ${pathname} is not valid percent-encoding.`);
  }
  return { id: match.route.id, params, allow };
}

async function run(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const found = find(request.method, url.pathname);
  if (found.id === null) return new Response(null, { status: 204, headers: { allow: found.allow } });
  const { id, params } = found;
  const op: (typeof operations)[OperationId] = operations[id];
  // The path's bin is checked before the body is read: an unknown bin is 404 and a refused caller
  // 401/403 whatever they sent; only an allowed one learns what is wrong with the body (400).
  if (op.access === "admin" && !isAdmin(bearerToken(request))) {
    throw new AppError("unauthorized", "This needs the server's ADMIN_TOKEN as `Authorization: Bearer`.");
  }
  let bin = "binFrom" in op ? undefined : await binFor(op.access, request, params.id);
  if ("binFrom" in op && op.binFrom === "the path's replayId") bin = await binFor(op.access, request, await replayBinId(params.replayId));
  const query = "query" in op ? parse(op.query, Object.fromEntries(url.searchParams)) : undefined;
  const body = "body" in op ? parse(op.body, await jsonBody(request, "bodyLimit" in op ? op.bodyLimit : undefined)) : undefined;
  const captureId = "binFrom" in op && op.binFrom === "the body's captureId" ? (body as { captureId?: string }).captureId : undefined;
  if (captureId) bin = await binFor(op.access, request, await captureBinId(captureId));
  const context = { request, params, query, body, bin, origin: publicOrigin(request) };
  const answer = await (handlers[id] as (context: unknown) => Promise<unknown>)(context);
  if (answer instanceof Response) return answer;
  if (op.status === 204) return new Response(null, { status: 204 });
  return Response.json(answer, { status: op.status });
}

/** The bin named by an operation, if the request may do what the operation's access asks of it. */
function binFor(access: Operation["access"], request: Request, binId: string | undefined) {
  if (access === "manage") return managedBin(request, binId!);
  if (access === "bin") return authorizedBin(request, binId!);
  return undefined;
}

/** Answers any request to `/api/*`. */
export async function handleApi(request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await run(request);
  } catch (error) {
    const { status, body, headers } = toErrorResponse(error);
    response = Response.json(body, { status, headers });
  }
  return request.method === "HEAD" ? new Response(null, response) : response;
}
