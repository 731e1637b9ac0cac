import type { z } from "zod";
import { tokenMatches } from "../runtime/secrets.ts";
import { requestToken } from "./access.ts";
import { config } from "../runtime/config.ts";
import { AppError } from "../runtime/errors.ts";
import { fromZodError, toErrorResponse } from "./errors.ts";
import { getBin } from "../store/bins.ts";

/** Helpers for route handlers: parse at the edge, throw typed errors, answer JSON. */

type Context<P> = { params: Promise<P> };
type Handler<P> = (request: Request, context: Context<P>) => Promise<Response>;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/** Wraps a route handler so anything it throws becomes the contract's `{ error, message, issues? }`. */
export function route<P = Record<string, never>>(
  handler: (request: Request, params: P) => Promise<Response>,
) {
  return async (request: Request, context: Context<P>) => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      const { status, body, headers } = toErrorResponse(error);
      return Response.json(body, { status, headers });
    }
  };
}

/**
 * A route file's exports: the handlers it has, and for every other method the contract's
 * `405 method_not_allowed` with an `Allow` header (Next's own 405 has no body).
 * Use as `export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: …, DELETE: … })`.
 */
export function methods<P>(handlers: Partial<Record<Method, Handler<P>>>): Record<Method, Handler<P>> {
  const allowed = METHODS.filter((m) => handlers[m]);
  const allow = [...allowed, ...(handlers.GET ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed = route<P>(async (request) => {
    throw new AppError("method_not_allowed", `${request.method} is not allowed on ${new URL(request.url).pathname}; it takes ${allowed.join(", ")}.`, {}, { allow });
  });
  return Object.fromEntries(METHODS.map((m) => [m, handlers[m] ?? notAllowed])) as Record<Method, Handler<P>>;
}

/** The bin, if the request may see it: 404 when unknown, 401 when private and the token is missing or wrong. */
export async function authorizedBin(request: Request, binId: string) {
  const bin = await getBin(binId);
  if (!tokenMatches(bin, requestToken(request, binId))) {
    throw new AppError("unauthorized", "This bin is private: send its view token as `Authorization: Bearer <token>` or `?token=`.");
  }
  return bin;
}

type BinRow = Awaited<ReturnType<typeof authorizedBin>>;

/** route() for `/api/bins/{id}/…`: the bin is loaded and, when private, its view token checked first. */
export function binRoute<P extends { id: string }>(
  handler: (request: Request, params: P, bin: BinRow) => Promise<Response>,
) {
  return route<P>(async (request, params) => handler(request, params, await authorizedBin(request, params.id)));
}

export function parse<S extends z.ZodType>(schema: S, input: unknown, what?: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, what);
  return parsed.data;
}

const DEFAULT_JSON_LIMIT = 2 * 1024 * 1024;

/**
 * The request's JSON body; an empty body counts as `{}` so optional bodies may be left out.
 * Read with a byte cap: a schema's limits only apply once the whole body is in memory.
 */
export async function jsonBody(request: Request, limit = DEFAULT_JSON_LIMIT): Promise<unknown> {
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`, { limit });
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
    size += read.value.length;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
}

export function queryParams(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** The origin users reach this server at: PUBLIC_URL when set, else what the request says. */
export function publicOrigin(request: Request): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/$/, "");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? "localhost";
  const proto = request.headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

export const noContent = () => new Response(null, { status: 204 });
