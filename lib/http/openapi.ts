import { z } from "zod";
import { ErrorBodySchema } from "../schemas/error.ts";
import { operations, schemas, type ErrorStatus, type Operation } from "../schemas/operations.ts";

/** OpenAPI 3.1 description generated from the operation list the API routes and validates with. */

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { "application/json": { schema: ref(name) } } });

const ERRORS: Record<ErrorStatus | "405", string> = {
  "400": "Invalid input; `issues` lists what is wrong",
  "401": "The bin is private and no valid view token was sent (`unauthorized`)",
  "403": "The bin's manage key (or the admin token) was not sent as `Authorization: Bearer` (`forbidden`); nothing changed",
  "404": "Unknown bin or capture (`bin_not_found`, `capture_not_found`)",
  "405": "Another method than this path takes (`method_not_allowed`); the `Allow` header lists them",
  "413": "The body is larger than allowed (`payload_too_large`, with `limit`)",
  "422": "No signature scheme could be detected from the capture's headers (`unknown_scheme`): name one",
  "429": "A rate limit is reached (`rate_limited`); retry after `Retry-After` seconds",
  "502": "The target could not be reached (`target_unreachable`)",
  "504": "The target did not answer in time (`target_timeout`)",
};

function errors(statuses: (keyof typeof ERRORS)[], overrides: Partial<Record<keyof typeof ERRORS, string>> = {}) {
  return Object.fromEntries(statuses.map((s) => [s, { description: overrides[s] ?? ERRORS[s], ...json("Error") }]));
}

function queryParameters(s: z.ZodObject) {
  return Object.entries(s.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: schema(field as z.ZodType),
  }));
}

// Who may call each kind of operation (lib/schemas/operations.ts): reads of a public bin need nothing,
// a private one's any of its secrets; changes the manage key or the admin token.
const SECURITY: Record<Operation["access"], Record<string, string[]>[]> = {
  public: [],
  bin: [{}, { viewToken: [] }, { tokenQuery: [] }, { manageKey: [] }, { adminToken: [] }],
  manage: [{ manageKey: [] }, { adminToken: [] }],
  admin: [{ adminToken: [] }],
};

const pathParameter = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

const NAMES = new Map<z.ZodType, string>(Object.entries(schemas).map(([name, s]) => [s, name]));

/** A body's schema, by reference to its named component. */
function named(s: z.ZodType) {
  const name = NAMES.get(s);
  if (!name) throw new Error("every request and answer body is named in the operation list's `schemas`");
  return json(name);
}

function answers(op: Operation) {
  if (op.status === 204) return { "204": { description: "Done" } };
  if (op.answer === "raw" || op.answer === undefined) return { [op.status]: { description: op.summary } };
  return { [op.status]: { description: "OK", ...named(op.answer) } };
}

function describe(id: string, op: Operation) {
  return {
    operationId: id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.query ? { parameters: queryParameters(op.query) } : {}),
    ...(op.body ? { requestBody: { required: true, ...named(op.body) } } : {}),
    // A resend without a captureId touches no bin: nothing is needed for it.
    security: op.binFrom === "the body's captureId" ? [{}, ...SECURITY[op.access]] : SECURITY[op.access],
    responses: { ...answers(op), ...errors([...op.errors, "405"], op.notes) },
  };
}

/** Every operation of the list, by path and method. */
function apiPaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, op] of Object.entries(operations) as [string, Operation][]) {
    const parameters = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => pathParameter(m[1]));
    paths[op.path] = { ...(parameters.length ? { parameters } : {}), ...paths[op.path], [op.method.toLowerCase()]: describe(id, op) };
  }
  return paths;
}

/** The capture path: any method, any sub-path; documented for the methods OpenAPI can name. */
function capturePath(withSubpath: boolean) {
  const parameters = [
    pathParameter("binId"),
    ...(withSubpath ? [{ name: "subpath", in: "path", required: true, description: "Any sub-path, any depth, kept as sent", schema: { type: "string" } }] : []),
  ];
  const answer = (method: string) => ({
    operationId: `capture${method[0].toUpperCase()}${method.slice(1)}${withSubpath ? "Subpath" : ""}`,
    tags: ["Capture path"],
    summary: `Capture a ${method.toUpperCase()} request (every method is captured, PROPFIND and PURGE too)`,
    security: [],
    responses: {
      "200": {
        description: "Stored. The default answer is `{ok, id}`; a bin's custom response replaces it",
        content: { "application/json": { schema: { type: "object", properties: { ok: { const: true }, id: { type: "string" } }, required: ["ok", "id"] } } },
      },
      ...(method === "options" ? { "204": { description: "A CORS preflight, answered (and still captured)" } } : {}),
      ...errors(["404", "405", "413", "429"], { "404": "No bin with that id (`bin_not_found`); nothing stored", "405": "Never: every method is captured" }),
    },
  });
  return {
    parameters,
    ...Object.fromEntries(["get", "post", "put", "patch", "delete", "head", "options"].map((m) => [m, answer(m)])),
  };
}

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Hookjar API",
      version: "0.1.0",
      description:
        "Capture, inspect and resend webhooks. Captures arrive on ANY /b/{binId}[/…]. Errors are `{error, message, issues?}`; " +
        "a known path called with another method answers 405 with `Allow`.",
    },
    servers: [{ url: origin }],
    tags: [
      { name: "Capture path", description: "Where providers send webhooks" },
      { name: "Bins" },
      { name: "Captures" },
      { name: "Rules", description: "How a bin answers: per path and method, templated, failing on purpose" },
      { name: "Resend" },
      { name: "Replays", description: "A selection of captures sent again, with their original timing" },
      { name: "Admin", description: "The operator's view, with ADMIN_TOKEN" },
      { name: "Meta" },
    ],
    paths: {
      "/b/{binId}": capturePath(false),
      "/b/{binId}/{subpath}": capturePath(true),
      ...apiPaths(),
      "/healthz": {
        get: {
          operationId: "health", tags: ["Meta"], security: [],
          summary: "Whether this instance serves: 200 `{ok: true}` while its database answers, else 503 (`database_unavailable`, `shutting_down`)",
          responses: { "200": { description: "Serving" }, "503": { description: "Not serving", ...json("Error") }, ...errors(["405"]) },
        },
      },
      "/metrics": {
        get: {
          operationId: "metrics", tags: ["Meta"], security: [{}, { metricsToken: [] }],
          summary: "Prometheus metrics (text exposition format); with METRICS_TOKEN set, only as its Bearer token",
          responses: {
            "200": { description: "Metrics", content: { "text/plain": { schema: { type: "string" } } } },
            "401": { description: "METRICS_TOKEN is set and was not sent", ...json("Error") },
            ...errors(["405"]),
          },
        },
      },
      "/cli/hookjar.tgz": {
        get: {
          operationId: "cliPackage", tags: ["Meta"], security: [],
          summary: "The relay CLI this server was built with, as its `npm pack` tarball: `npx <origin>/cli/hookjar.tgz relay <captureUrl> --to <url>`",
          responses: {
            "200": { description: "The tarball", content: { "application/gzip": { schema: { type: "string", format: "binary" } } } },
            "404": { description: "The server was built without it", ...json("Error") },
            ...errors(["405"]),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        viewToken: { type: "http", scheme: "bearer", description: "A private bin's view token: reads the bin, never changes it" },
        tokenQuery: { type: "apiKey", in: "query", name: "token", description: "A private bin's view token, in the URL" },
        manageKey: { type: "http", scheme: "bearer", description: "The bin's manage key, answered once by POST /api/bins: every change to the bin needs it, and it reads a private bin" },
        adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN: acts as every bin's manage key and view token" },
        metricsToken: { type: "http", scheme: "bearer", description: "METRICS_TOKEN, when set" },
      },
      schemas: { Error: schema(ErrorBodySchema), ...Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, schema(s)])) },
    },
  };
}
