import { z } from "zod";
import { ErrorBodySchema } from "@/lib/schemas/error.ts";
import { operationPath, operations, type OperationAnswer, type OperationId, type OperationInput } from "@/lib/schemas/operations.ts";
import { manageKeyFor } from "@/components/bins/manageKeys.ts";

/**
 * The browser's client for the REST API, typed and checked from the same operation list the server
 * routes with (lib/schemas/operations.ts): no hand-built URLs, and answers parsed, not cast.
 */

/** An answer in the API's error shape: its code and status, and a message for people. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
  ) {
    super(message);
  }
}

type Locator<K extends OperationId> = Omit<OperationInput<K>, "body">;

/** The operation's URL, path parameters and query filled in (for links: downloads, exports). */
export function apiUrl<K extends OperationId>(id: K, input: Locator<K>): string {
  const path = operationPath(id, input.params);
  const query = new URLSearchParams();
  const given = "query" in input ? (input.query as Record<string, unknown> | undefined) : undefined;
  for (const [key, value] of Object.entries(given ?? {})) if (value !== undefined && value !== null) query.set(key, String(value));
  return query.size ? `${path}?${query}` : path;
}

/** A list filter as a query: the fields left empty are not sent. */
export function filterQuery<F extends Record<string, string | undefined>>(filter: F): Partial<F> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value)) as Partial<F>;
}

// Any code: one this client does not know yet (or a proxy's) still comes with a message for people.
const ErrorAnswerSchema = ErrorBodySchema.extend({ error: z.string() });

async function failure(res: Response): Promise<ApiRequestError> {
  const parsed = ErrorAnswerSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) return new ApiRequestError(res.status, "unknown", `${res.status} ${res.statusText}`);
  return new ApiRequestError(res.status, parsed.data.error, parsed.data.message, parsed.data.issues);
}

/**
 * `token`: a private bin's view token, where the page's cookie does not carry it (another bin's), or
 * the admin token.
 * `binId`: the bin a change touches when the path does not name it (a resend of one of its captures).
 */
export type CallOptions = { signal?: AbortSignal; token?: string; binId?: string };

/** Sends the operation; answers the Response of a success, throws ApiRequestError for anything else. */
export async function apiFetch<K extends OperationId>(id: K, input: OperationInput<K>, { signal, token, binId }: CallOptions = {}): Promise<Response> {
  const op: (typeof operations)[OperationId] = operations[id];
  const body = "body" in input ? JSON.stringify(input.body) : undefined;
  // A change goes with the manage key this browser holds for its bin, unless a token is given (the admin's).
  const bin = binId ?? (input.params as { id?: string }).id;
  const credential = token ?? (op.access === "manage" && bin ? manageKeyFor(bin) : null);
  const headers: Record<string, string> = {
    ...(body === undefined ? {} : { "content-type": "application/json" }),
    ...(credential ? { authorization: `Bearer ${credential}` } : {}),
  };
  const res = await fetch(apiUrl(id, input), { method: op.method, cache: "no-store", signal, headers, body });
  if (!res.ok) throw await failure(res);
  return res;
}

/** Calls the operation and answers what it answers, checked against its schema. */
export async function api<K extends OperationId>(id: K, input: OperationInput<K>, options?: CallOptions): Promise<OperationAnswer<K>> {
  const res = await apiFetch(id, input, options);
  const op: (typeof operations)[OperationId] = operations[id];
  if (!("answer" in op) || op.answer === "raw") return undefined as OperationAnswer<K>;
  const parsed = op.answer.safeParse(await res.json());
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "its top level";
    throw new ApiRequestError(res.status, "unexpected_answer", `The server answered ${id} in a shape this page does not know (at ${where}); reload the page.`);
  }
  return parsed.data as OperationAnswer<K>;
}

/** `api`, with an unknown bin or capture answered as null rather than thrown. */
export async function apiOrNull<K extends OperationId>(id: K, input: OperationInput<K>, options?: CallOptions): Promise<OperationAnswer<K> | null> {
  try {
    return await api(id, input, options);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}
