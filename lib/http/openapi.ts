import { z } from "zod";
import { BinDetailSchema, BinPrivacyAnswerSchema, BinPrivacySchema, BinSettingsSchema, CreateBinSchema, CreatedBinSchema, CustomResponseSchema, ForwardSchema } from "../schemas/bin.ts";
import { RuleListSchema, RulesSchema } from "../schemas/rules.ts";
import { BodyQuerySchema, CapturePageSchema, CaptureSchema, ExportQuerySchema, ListCapturesQuerySchema } from "../schemas/capture.ts";
import { ErrorBodySchema } from "../schemas/error.ts";
import { RefusalListSchema } from "../schemas/refusal.ts";
import { ResendRequestSchema, ResendResultSchema } from "../schemas/resend.ts";
import { VerifyRequestSchema, VerifyResultSchema } from "../schemas/signature.ts";

/** OpenAPI 3.1 description generated from the same Zod schemas the handlers validate with. */

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { "application/json": { schema: ref(name) } } });

const ERRORS = {
  "400": "Invalid input; `issues` lists what is wrong",
  "401": "The bin is private and no valid view token was sent (`unauthorized`)",
  "404": "Unknown bin or capture (`bin_not_found`, `capture_not_found`)",
  "405": "Another method than this path takes (`method_not_allowed`); the `Allow` header lists them",
  "413": "The body is larger than allowed (`payload_too_large`, with `limit`)",
  "422": "No signature scheme could be detected from the capture's headers (`unknown_scheme`): name one",
  "429": "The bin's rate limit is reached (`rate_limited`); retry after `Retry-After` seconds",
  "502": "The target could not be reached (`target_unreachable`)",
  "504": "The target did not answer in time (`target_timeout`)",
} as const;
type ErrorStatus = keyof typeof ERRORS;

function errors(statuses: ErrorStatus[], overrides: Partial<Record<ErrorStatus, string>> = {}) {
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

// Public bins need nothing; private ones their view token, as a Bearer header or `?token=`.
const viewToken = [{}, { bearer: [] }, { tokenQuery: [] }];

type Operation = {
  id: string;
  tag: "Bins" | "Captures" | "Rules" | "Resend" | "Capture path" | "Meta";
  summary: string;
  body?: string;
  ok: Record<string, unknown>;
  errors: ErrorStatus[];
  secured?: boolean;
  parameters?: unknown[];
  overrides?: Partial<Record<ErrorStatus, string>>;
};

function operation(o: Operation) {
  return {
    operationId: o.id,
    tags: [o.tag],
    summary: o.summary,
    ...(o.parameters ? { parameters: o.parameters } : {}),
    ...(o.body ? { requestBody: { required: true, ...json(o.body) } } : {}),
    security: o.secured ? viewToken : [],
    responses: { ...o.ok, ...errors([...o.errors, "405"], o.overrides) },
  };
}

const binId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const captureId = { name: "rid", in: "path", required: true, schema: { type: "string" } };
const done = { "204": { description: "Done" } };
const binErrors: ErrorStatus[] = ["401", "404"];

/** The capture path: any method, any sub-path; documented for the methods OpenAPI can name. */
function capturePath(withSubpath: boolean) {
  const parameters = [
    { name: "binId", in: "path", required: true, schema: { type: "string" } },
    ...(withSubpath ? [{ name: "subpath", in: "path", required: true, description: "Any sub-path, any depth, kept as sent", schema: { type: "string" } }] : []),
  ];
  const answer = (method: string) =>
    operation({
      id: `capture${method[0].toUpperCase()}${method.slice(1)}${withSubpath ? "Subpath" : ""}`,
      tag: "Capture path",
      summary: `Capture a ${method.toUpperCase()} request (every method is captured, PROPFIND and PURGE too)`,
      ok: {
        "200": {
          description: "Stored. The default answer is `{ok, id}`; a bin's custom response replaces it",
          content: { "application/json": { schema: { type: "object", properties: { ok: { const: true }, id: { type: "string" } }, required: ["ok", "id"] } } },
        },
        ...(method === "options" ? { "204": { description: "A CORS preflight, answered (and still captured)" } } : {}),
      },
      errors: ["404", "413", "429"],
      overrides: { "404": "No bin with that id (`bin_not_found`); nothing stored", "405": "Never: every method is captured" },
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
      { name: "Meta" },
    ],
    paths: {
      "/b/{binId}": capturePath(false),
      "/b/{binId}/{subpath}": capturePath(true),
      "/api/bins": {
        post: operation({ id: "createBin", tag: "Bins", summary: "Create a bin", body: "CreateBin", ok: { "201": { description: "Created", ...json("CreatedBin") } }, errors: ["400", "413"] }),
      },
      "/api/bins/{id}": {
        parameters: [binId],
        get: operation({ id: "getBin", tag: "Bins", summary: "Get a bin", ok: { "200": { description: "The bin", ...json("BinDetail") } }, errors: binErrors, secured: true }),
        delete: operation({ id: "deleteBin", tag: "Bins", summary: "Delete a bin and its captures", ok: done, errors: binErrors, secured: true }),
      },
      "/api/bins/{id}/requests": {
        parameters: [binId],
        get: operation({
          id: "listCaptures", tag: "Captures", summary: "List captures, newest first (commit order)",
          parameters: queryParameters(ListCapturesQuerySchema),
          ok: { "200": { description: "A page", ...json("CapturePage") } }, errors: ["400", ...binErrors], secured: true,
        }),
        delete: operation({ id: "clearBin", tag: "Captures", summary: "Clear the bin", ok: done, errors: binErrors, secured: true }),
      },
      "/api/bins/{id}/refusals": {
        parameters: [binId],
        get: operation({
          id: "listRefusals", tag: "Captures",
          summary: "Requests the bin refused (413 too large, 429 rate limited), without bodies: one row per reason and minute with a count, newest first",
          ok: { "200": { description: "The bin's latest refusal rows (at most 100); live as the `refusal:updated` event", ...json("RefusalList") } },
          errors: binErrors, secured: true,
        }),
      },
      "/api/bins/{id}/requests/{rid}": {
        parameters: [binId, captureId],
        get: operation({ id: "getCapture", tag: "Captures", summary: "Get a capture", ok: { "200": { description: "The capture", ...json("Capture") } }, errors: binErrors, secured: true }),
        delete: operation({ id: "deleteCapture", tag: "Captures", summary: "Delete a capture", ok: done, errors: binErrors, secured: true }),
      },
      "/api/bins/{id}/requests/{rid}/body": {
        parameters: [binId, captureId],
        get: operation({
          id: "getCaptureBody", tag: "Captures", summary: "The raw body bytes, with the captured Content-Type; `decode=true` undoes its Content-Encoding",
          parameters: queryParameters(BodyQuerySchema),
          ok: {
            "200": {
              description: "Body bytes (decoded: `X-Hookjar-Decoded` names the codings undone)",
              content: { "*/*": { schema: { type: "string", format: "binary" } } },
            },
          },
          errors: ["400", ...binErrors, "422"], secured: true,
          overrides: {
            "422": "decode only: the body would expand past MAX_BODY_BYTES (`decoded_too_large`, with `limit`), or is not valid data of its coding (`undecodable_body`)",
          },
        }),
      },
      "/api/bins/{id}/requests/{rid}/verify": {
        parameters: [binId, captureId],
        post: operation({
          id: "verifyCapture", tag: "Captures",
          summary: "Check the capture's webhook signature with a secret (used for this call only, never stored)",
          body: "VerifyRequest", ok: { "200": { description: "The verdict, and why it fails", ...json("VerifyResult") } },
          errors: ["400", ...binErrors, "413", "422"], secured: true,
        }),
      },
      "/api/bins/{id}/response": {
        parameters: [binId],
        put: operation({ id: "setCustomResponse", tag: "Bins", summary: "Set the custom response senders get", body: "CustomResponse", ok: done, errors: ["400", ...binErrors, "413"], secured: true }),
        delete: operation({ id: "clearCustomResponse", tag: "Bins", summary: "Clear the custom response", ok: done, errors: binErrors, secured: true }),
      },
      "/api/bins/{id}/privacy": {
        parameters: [binId],
        put: operation({
          id: "setPrivacy", tag: "Bins",
          summary: "Make the bin private (a new view token, shown once; earlier tokens stop working) or public; live subscribers get `bin:access` and subscribe again",
          body: "BinPrivacy", ok: { "200": { description: "Who may watch the bin now, and a private bin's new token", ...json("BinPrivacyAnswer") } },
          errors: ["400", ...binErrors, "413"], secured: true,
        }),
      },
      "/api/bins/{id}/forward": {
        parameters: [binId],
        put: operation({
          id: "setForward", tag: "Bins", summary: "Forward new captures to a URL", body: "Forward", ok: done,
          errors: ["400", ...binErrors, "413"], secured: true,
          overrides: { "400": "Invalid input, or a target this server may not reach (`target_blocked`)" },
        }),
        delete: operation({ id: "deleteForward", tag: "Bins", summary: "Stop forwarding", ok: done, errors: binErrors, secured: true }),
      },
      "/api/bins/{id}/rules": {
        parameters: [binId],
        get: operation({ id: "getRules", tag: "Rules", summary: "The bin's response rules, in order", ok: { "200": { description: "The rules", ...json("RuleList") } }, errors: binErrors, secured: true }),
        put: operation({
          id: "setRules", tag: "Rules", summary: "Replace the rules (ids kept, missing ones assigned; fail_first counts reset)", body: "Rules",
          ok: { "200": { description: "The rules as saved", ...json("RuleList") } }, errors: ["400", ...binErrors, "413"], secured: true,
          overrides: { "400": "Invalid rules (the list is refused whole); `issues` names each field" },
        }),
        delete: operation({ id: "deleteRules", tag: "Rules", summary: "Remove every rule", ok: done, errors: binErrors, secured: true }),
      },
      "/api/bins/{id}/settings": {
        parameters: [binId],
        get: operation({ id: "exportSettings", tag: "Bins", summary: "Export the bin's settings: name, custom response, forward, rules", ok: { "200": { description: "The settings", ...json("BinSettings") } }, errors: binErrors, secured: true }),
        put: operation({
          id: "importSettings", tag: "Bins", summary: "Import settings: the fields given are applied; an invalid document changes nothing", body: "BinSettings",
          ok: done, errors: ["400", ...binErrors, "413"], secured: true,
        }),
      },
      "/api/bins/{id}/export": {
        parameters: [binId],
        get: operation({
          id: "exportBin", tag: "Captures", summary: "Export captures as HAR 1.2 or a JSON array of Capture: all, some (`ids`), or those the list's filters (`method`, `q`, `header`, `duplicates`) match",
          parameters: queryParameters(ExportQuerySchema), ok: { "200": { description: "The export, streamed" } }, errors: ["400", ...binErrors], secured: true,
        }),
      },
      "/api/resend": {
        post: operation({
          id: "resend", tag: "Resend", summary: "Send a request (edited or not) to a target and return its answer", body: "ResendRequest",
          ok: { "200": { description: "The target's answer", ...json("ResendResult") } },
          errors: ["400", "401", "404", "413", "502", "504"], secured: true,
          overrides: {
            "400": "Invalid input, a bad URL, or a target this server may not reach (`target_blocked`)",
            "401": "`captureId` belongs to a private bin and no valid view token was sent",
            "404": "Unknown `captureId`",
          },
        }),
      },
      "/api/openapi.json": {
        get: operation({ id: "openApi", tag: "Meta", summary: "This document", ok: { "200": { description: "OpenAPI 3.1" } }, errors: [] }),
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A private bin's view token" },
        tokenQuery: { type: "apiKey", in: "query", name: "token", description: "A private bin's view token, in the URL" },
      },
      schemas: {
        Error: schema(ErrorBodySchema),
        CreateBin: schema(CreateBinSchema),
        CreatedBin: schema(CreatedBinSchema),
        BinDetail: schema(BinDetailSchema),
        CustomResponse: schema(CustomResponseSchema),
        Forward: schema(ForwardSchema),
        BinPrivacy: schema(BinPrivacySchema),
        BinPrivacyAnswer: schema(BinPrivacyAnswerSchema),
        Rules: schema(RulesSchema),
        RuleList: schema(RuleListSchema),
        BinSettings: schema(BinSettingsSchema),
        Capture: schema(CaptureSchema),
        CapturePage: schema(CapturePageSchema),
        RefusalList: schema(RefusalListSchema),
        ResendRequest: schema(ResendRequestSchema),
        ResendResult: schema(ResendResultSchema),
        VerifyRequest: schema(VerifyRequestSchema),
        VerifyResult: schema(VerifyResultSchema),
      },
    },
  };
}
