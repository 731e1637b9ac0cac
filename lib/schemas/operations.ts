import type { z } from "zod";
import { AdminBinListSchema, BinDetailSchema, BinPrivacyAnswerSchema, BinPrivacySchema, BinSettingsSchema, CreateBinSchema, CreatedBinSchema, CustomResponseSchema, ForwardSchema, ManageKeySchema } from "./bin.ts";
import { BodyQuerySchema, CapturePageSchema, CaptureSchema, ExportQuerySchema, ListCapturesQuerySchema } from "./capture.ts";
import { RefusalListSchema } from "./refusal.ts";
import { RESEND_JSON_LIMIT, ResendRequestSchema, ResendResultSchema } from "./resend.ts";
import { ReplayRequestSchema, ReplaySchema, ReplayStartedSchema } from "./replay.ts";
import { RuleListSchema, RulesSchema } from "./rules.ts";
import { SampleListSchema } from "./sample.ts";
import { VerifyRequestSchema, VerifyResultSchema } from "./signature.ts";

/**
 * The REST API, written once. Each operation's method, path, input and answer schemas and error
 * statuses drive the server's validation and routing (lib/http/api.ts), the OpenAPI document
 * (lib/http/openapi.ts) and the browser's typed client (components/api/client.ts).
 */

export type ErrorStatus = "400" | "401" | "403" | "404" | "413" | "422" | "429" | "502" | "504";

export type Operation = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** With `{name}` for each path parameter. */
  path: string;
  tag: "Bins" | "Captures" | "Rules" | "Resend" | "Replays" | "Admin" | "Meta";
  summary: string;
  /**
   * Who may call it. `bin` reads: the bin must exist, and a private one needs its view token (or its
   * manage key, or the admin token). `manage` changes: the bin's manage key (or the admin token) as
   * `Authorization: Bearer`, else 403 — the capture URL grants capturing only. `admin`: ADMIN_TOKEN.
   */
  access: "public" | "bin" | "manage" | "admin";
  /**
   * Where the bin is named when not by the path's `{id}`: the body's `captureId` (its capture's bin;
   * without one the call touches no bin, and is open as `public`), or the path's `{replayId}`.
   */
  binFrom?: "the body's captureId" | "the path's replayId";
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The JSON body's byte cap, when not the default 2 MiB. */
  bodyLimit?: number;
  /** 204: no body. */
  status: 200 | 201 | 202 | 204;
  /** A JSON answer's schema; `raw` answers bytes or a stream (body, export) or a document of its own (OpenAPI). */
  answer?: z.ZodType | "raw";
  errors: ErrorStatus[];
  /** Where an error status means something particular to this operation. */
  notes?: Partial<Record<ErrorStatus, string>>;
};

/** The request and answer bodies, by the names the OpenAPI document gives them. */
export const schemas = {
  CreateBin: CreateBinSchema,
  CreatedBin: CreatedBinSchema,
  BinDetail: BinDetailSchema,
  ManageKey: ManageKeySchema,
  AdminBinList: AdminBinListSchema,
  CustomResponse: CustomResponseSchema,
  Forward: ForwardSchema,
  BinPrivacy: BinPrivacySchema,
  BinPrivacyAnswer: BinPrivacyAnswerSchema,
  Rules: RulesSchema,
  RuleList: RuleListSchema,
  BinSettings: BinSettingsSchema,
  Capture: CaptureSchema,
  CapturePage: CapturePageSchema,
  RefusalList: RefusalListSchema,
  ResendRequest: ResendRequestSchema,
  ResendResult: ResendResultSchema,
  VerifyRequest: VerifyRequestSchema,
  VerifyResult: VerifyResultSchema,
  ReplayRequest: ReplayRequestSchema,
  ReplayStarted: ReplayStartedSchema,
  Replay: ReplaySchema,
  SampleList: SampleListSchema,
} as const;

const bin = ["401", "404"] satisfies ErrorStatus[];
const managed = ["401", "403", "404"] satisfies ErrorStatus[];

export const operations = {
  createBin: {
    method: "POST", path: "/api/bins", tag: "Bins", summary: "Create a bin", access: "public",
    body: schemas.CreateBin, status: 201, answer: schemas.CreatedBin, errors: ["400", "401", "413"],
    notes: { "401": "CREATE_BINS=admin and the admin token was not sent (`unauthorized`)" },
  },
  rotateManageKey: {
    method: "POST", path: "/api/bins/{id}/manage-key", tag: "Bins", access: "manage",
    summary: "A new manage key, answered this once; the old one stops working. A bin made before manage keys gets its first one (from whoever may read it)",
    status: 200, answer: schemas.ManageKey, errors: managed,
  },
  getBin: {
    method: "GET", path: "/api/bins/{id}", tag: "Bins", summary: "Get a bin", access: "bin",
    status: 200, answer: schemas.BinDetail, errors: bin,
  },
  deleteBin: {
    method: "DELETE", path: "/api/bins/{id}", tag: "Bins", summary: "Delete a bin and its captures", access: "manage",
    status: 204, errors: managed,
  },
  listCaptures: {
    method: "GET", path: "/api/bins/{id}/requests", tag: "Captures", summary: "List captures, newest first (commit order)", access: "bin",
    query: ListCapturesQuerySchema, status: 200, answer: schemas.CapturePage, errors: ["400", ...bin],
  },
  clearBin: {
    method: "DELETE", path: "/api/bins/{id}/requests", tag: "Captures", summary: "Clear the bin", access: "manage",
    status: 204, errors: managed,
  },
  listRefusals: {
    method: "GET", path: "/api/bins/{id}/refusals", tag: "Captures", access: "bin",
    summary: "Requests the bin refused (413 too large, 429 rate limited), without bodies: one row per reason and minute with a count, newest first; live as the `refusal:updated` event",
    status: 200, answer: schemas.RefusalList, errors: bin,
  },
  getCapture: {
    method: "GET", path: "/api/bins/{id}/requests/{rid}", tag: "Captures", summary: "Get a capture", access: "bin",
    status: 200, answer: schemas.Capture, errors: bin,
  },
  deleteCapture: {
    method: "DELETE", path: "/api/bins/{id}/requests/{rid}", tag: "Captures", summary: "Delete a capture", access: "manage",
    status: 204, errors: managed,
  },
  getCaptureBody: {
    method: "GET", path: "/api/bins/{id}/requests/{rid}/body", tag: "Captures", access: "bin",
    summary: "The raw body bytes, with the captured Content-Type; `decode=true` undoes its Content-Encoding (`X-Hookjar-Decoded` names the codings undone)",
    query: BodyQuerySchema, status: 200, answer: "raw", errors: ["400", ...bin, "422"],
    notes: { "422": "decode only: the body would expand past MAX_BODY_BYTES (`decoded_too_large`, with `limit`), or is not valid data of its coding (`undecodable_body`)" },
  },
  verifyCapture: {
    method: "POST", path: "/api/bins/{id}/requests/{rid}/verify", tag: "Captures", access: "bin",
    summary: "Check the capture's webhook signature with a secret (used for this call only, never stored)",
    body: schemas.VerifyRequest, status: 200, answer: schemas.VerifyResult, errors: ["400", ...bin, "413", "422"],
    notes: { "422": "No signature scheme could be detected from the capture's headers (`unknown_scheme`): name one" },
  },
  retryForward: {
    method: "POST", path: "/api/bins/{id}/requests/{rid}/forward-retry", tag: "Captures", access: "manage",
    summary: "Retry now: the capture's waiting auto-forward retry is sent at once instead of at its time",
    status: 204, errors: managed,
    notes: { "404": "Unknown bin or capture, or no forward retry waits for it (`not_found`)" },
  },
  giveUpForward: {
    method: "DELETE", path: "/api/bins/{id}/requests/{rid}/forward-retry", tag: "Captures", access: "manage",
    summary: "Give up: the capture's auto-forward is not tried again (a try on its way still records its outcome)",
    status: 204, errors: managed,
    notes: { "404": "Unknown bin or capture, or no forward retry waits for it (`not_found`)" },
  },
  setCustomResponse: {
    method: "PUT", path: "/api/bins/{id}/response", tag: "Bins", summary: "Set the custom response senders get", access: "manage",
    body: schemas.CustomResponse, status: 204, errors: ["400", ...managed, "413"],
  },
  clearCustomResponse: {
    method: "DELETE", path: "/api/bins/{id}/response", tag: "Bins", summary: "Clear the custom response", access: "manage",
    status: 204, errors: managed,
  },
  setPrivacy: {
    method: "PUT", path: "/api/bins/{id}/privacy", tag: "Bins", access: "manage",
    summary: "Make the bin private (a new view token, shown once; earlier tokens stop working) or public; live subscribers get `bin:access` and subscribe again",
    body: schemas.BinPrivacy, status: 200, answer: schemas.BinPrivacyAnswer, errors: ["400", ...managed, "413"],
  },
  setForward: {
    method: "PUT", path: "/api/bins/{id}/forward", tag: "Bins", summary: "Forward new captures to a URL", access: "manage",
    body: schemas.Forward, status: 204, errors: ["400", ...managed, "413"],
    notes: { "400": "Invalid input, or a target this server may not reach (`target_blocked`)" },
  },
  deleteForward: {
    method: "DELETE", path: "/api/bins/{id}/forward", tag: "Bins", summary: "Stop forwarding", access: "manage",
    status: 204, errors: managed,
  },
  getRules: {
    method: "GET", path: "/api/bins/{id}/rules", tag: "Rules", summary: "The bin's response rules, in order", access: "bin",
    status: 200, answer: schemas.RuleList, errors: bin,
  },
  setRules: {
    method: "PUT", path: "/api/bins/{id}/rules", tag: "Rules", access: "manage",
    summary: "Replace the rules (ids kept, missing ones assigned; fail_first counts reset)",
    body: schemas.Rules, status: 200, answer: schemas.RuleList, errors: ["400", ...managed, "413"],
    notes: { "400": "Invalid rules (the list is refused whole); `issues` names each field" },
  },
  deleteRules: {
    method: "DELETE", path: "/api/bins/{id}/rules", tag: "Rules", summary: "Remove every rule", access: "manage",
    status: 204, errors: managed,
  },
  exportSettings: {
    method: "GET", path: "/api/bins/{id}/settings", tag: "Bins", summary: "Export the bin's settings: name, custom response, forward, rules", access: "bin",
    status: 200, answer: schemas.BinSettings, errors: bin,
  },
  importSettings: {
    method: "PUT", path: "/api/bins/{id}/settings", tag: "Bins", summary: "Import settings: the fields given are applied; an invalid document changes nothing", access: "manage",
    body: schemas.BinSettings, status: 204, errors: ["400", ...managed, "413"],
  },
  exportBin: {
    method: "GET", path: "/api/bins/{id}/export", tag: "Captures", access: "bin",
    summary: "Export captures as HAR 1.2 or a JSON array of Capture: all, some (`ids`), or those the list's filters (`method`, `q`, `header`, `duplicates`) match",
    query: ExportQuerySchema, status: 200, answer: "raw", errors: ["400", ...bin],
  },
  resend: {
    method: "POST", path: "/api/resend", tag: "Resend", summary: "Send a request (edited or not) to a target and return its answer", access: "manage",
    binFrom: "the body's captureId", body: schemas.ResendRequest, bodyLimit: RESEND_JSON_LIMIT, status: 200, answer: schemas.ResendResult, errors: ["400", "401", "403", "404", "413", "429", "502", "504"],
    notes: {
      "400": "Invalid input, a bad URL, or a target this server may not reach (`target_blocked`)",
      "401": "`captureId` belongs to a private bin made before manage keys, and no valid view token was sent; or a free resend with CREATE_BINS=admin without the admin token",
      "403": "`captureId` belongs to a bin and its manage key was not sent: recording an attempt on a capture changes its bin",
      "404": "Unknown `captureId`",
      "429": "A free resend (no `captureId`) past RESEND_RATE_PER_MIN for this client address (`rate_limited`); retry after `Retry-After` seconds",
    },
  },
  startReplay: {
    method: "POST", path: "/api/bins/{id}/replays", tag: "Replays", access: "manage",
    summary: "Replay captures (given ids, or all the list's filters match; at most 1000) to a URL, oldest first, with their original timing scaled by `speed` or none; progress as `replay:progress` and `replay:done` events",
    body: schemas.ReplayRequest, status: 202, answer: schemas.ReplayStarted, errors: ["400", ...managed, "413"],
    notes: {
      "400": "Invalid input, a filter matching more than 1000 captures (or none), or a target this server may not reach (`target_blocked`)",
      "404": "Unknown bin, or a `captureIds` entry that is not this bin's (`capture_not_found`)",
    },
  },
  getReplay: {
    method: "GET", path: "/api/replays/{replayId}", tag: "Replays", access: "bin", binFrom: "the path's replayId",
    summary: "A replay's progress and each send's result (readable as its bin is)",
    status: 200, answer: schemas.Replay, errors: bin,
    notes: { "404": "No replay with that id (`replay_not_found`)" },
  },
  cancelReplay: {
    method: "DELETE", path: "/api/replays/{replayId}", tag: "Replays", access: "manage", binFrom: "the path's replayId",
    summary: "Cancel a running replay: nothing more is sent (sends already on their way end and are kept)",
    status: 204, errors: managed,
    notes: { "404": "No replay with that id (`replay_not_found`)" },
  },
  listSamples: {
    method: "GET", path: "/api/samples", tag: "Resend", access: "public",
    summary: "Realistic provider webhook events to start a resend from, with fresh delivery ids and timestamps on every call; `scheme` is the `sign` scheme that fits",
    status: 200, answer: schemas.SampleList, errors: [],
  },
  listAllBins: {
    method: "GET", path: "/api/admin/bins", tag: "Admin", summary: "Every bin of this server, with its count and last capture", access: "admin",
    status: 200, answer: schemas.AdminBinList, errors: ["401"],
    notes: { "401": "The admin token was not sent, or ADMIN_TOKEN is not set (`unauthorized`)" },
  },
  openApi: {
    method: "GET", path: "/api/openapi.json", tag: "Meta", summary: "This document", access: "public",
    status: 200, answer: "raw", errors: [],
  },
} as const satisfies Record<string, Operation>;

export type Operations = typeof operations;
export type OperationId = keyof Operations;

/** `{ id: string; rid: string }` for "/api/bins/{id}/requests/{rid}". */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? { [K in Name | keyof PathParams<Rest>]: string } : {};

/** An operation's `query`, `body` or `answer`, or undefined where it has none. */
export type Field<K extends OperationId, F extends string> = Operations[K] extends Record<F, infer S> ? S : undefined;

/** What an operation's caller gives: path parameters, query (as sent) and body (as sent). */
export type OperationInput<K extends OperationId> = {
  params: PathParams<Operations[K]["path"]>;
} & (Field<K, "query"> extends z.ZodType ? { query?: z.input<Field<K, "query">> } : {})
  & (Field<K, "body"> extends z.ZodType ? { body: z.input<Field<K, "body">> } : {});

/** What a JSON operation answers. */
export type OperationAnswer<K extends OperationId> = Field<K, "answer"> extends z.ZodType ? z.output<Field<K, "answer">> : undefined;

/** The URL path of an operation, its parameters filled in. */
export function operationPath<K extends OperationId>(id: K, params: PathParams<Operations[K]["path"]>): string {
  return operations[id].path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name]));
}
