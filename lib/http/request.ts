import type { z } from "zod";
import { mayManageWithKey, mayRead } from "../runtime/grants.ts";
import { bearerToken, requestTokens } from "./access.ts";
import { config } from "../runtime/config.ts";
import { AppError } from "../runtime/errors.ts";
import { fromZodError } from "./errors.ts";
import { getBin } from "../store/bins.ts";
import type { Bin } from "../generated/prisma/client.ts";

/** Reading a request at the API's edge: its bin's access, its JSON body, its origin. */

/** The bin, if the request may see it: 404 when unknown, 401 when private and no token that reads it was sent. */
export async function authorizedBin(request: Request, binId: string) {
  return readable(request, await getBin(binId));
}

function readable(request: Request, bin: Bin): Bin {
  if (!mayRead(bin, requestTokens(request, bin.id))) {
    throw new AppError("unauthorized", "This bin is private: send its view token as `Authorization: Bearer <token>` or `?token=`.");
  }
  return bin;
}

/**
 * The bin, if the request may change it: 404 when unknown (whatever the credentials), 403 unless
 * `Authorization: Bearer` carries its manage key or the admin token. A bin made before manage keys
 * existed has none and stays open to whoever may read it, as it was, until it is given one.
 */
export async function managedBin(request: Request, binId: string) {
  const bin = await getBin(binId);
  if (bin.manageKeyHash === null) return readable(request, bin);
  if (!mayManageWithKey(bin, bearerToken(request))) {
    throw new AppError("forbidden", "Changing this bin needs its manage key as `Authorization: Bearer <manageKey>`; the capture URL and a view token do not grant it.");
  }
  return bin;
}

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
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

/** The origin users reach this server at: PUBLIC_URL when set, else what the request says. */
export function publicOrigin(request: Request): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/$/, "");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? "localhost";
  const proto = request.headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

