import type { z } from "zod";
import type { Bin } from "../generated/prisma/client.ts";
import { decodeContent } from "./content-decoding.ts";
import { mayCreateBin, mayResendFreely } from "./open-doors.ts";
import { openApiDocument } from "./openapi.ts";
import { saveForward } from "../outbound/forward.ts";
import { giveUpForward, retryForwardNow } from "../outbound/forward-schedule.ts";
import { cancelReplay, startReplay } from "../outbound/replay-runner.ts";
import { resend } from "../outbound/resend.ts";
import { samples } from "../samples/all.ts";
import { config } from "../runtime/config.ts";
import type { CustomResponse } from "../schemas/bin.ts";
import type { Field, OperationAnswer, OperationId, Operations, PathParams } from "../schemas/operations.ts";
import { verifyCapture } from "../signatures/verify.ts";
import { lastForward } from "../store/attempts.ts";
import { binRules, countCaptures, createBin, deleteBin, listAllBins, setManageKey, setBinForward, setBinName, setBinPrivacy, setBinResponse, setBinRules } from "../store/bins.ts";
import { clearCaptures, deleteCapture, getCapture, getCaptureBody, listCaptures } from "../store/captures.ts";
import { exportStream } from "../store/export.ts";
import { listRefusals } from "../store/refusals.ts";
import { getReplay } from "../store/replays.ts";
import { forwardOf, toBinDetail, toBinView } from "../store/views.ts";
import { contentCodings } from "../wire/headers.ts";
import { extensionFor } from "../wire/extension.ts";

type Context<K extends OperationId> = {
  request: Request;
  params: PathParams<Operations[K]["path"]>;
  query: Field<K, "query"> extends z.ZodType ? z.output<Field<K, "query">> : undefined;
  body: Field<K, "body"> extends z.ZodType ? z.output<Field<K, "body">> : undefined;
  /** The operation's bin, its access checked (lib/http/api.ts); where the body names it, only when it does. */
  bin: Operations[K] extends { binFrom: string } ? Bin | undefined : Operations[K]["access"] extends "bin" | "manage" ? Bin : undefined;
  /** Where users reach this server: PUBLIC_URL, else what the request says. */
  origin: string;
};

/** An operation's handler answers its JSON (a 204 answers nothing), or a Response of its own (bytes, streams). */
type Handler<K extends OperationId> = (context: Context<K>) => Promise<(OperationAnswer<K> extends undefined ? void : OperationAnswer<K>) | Response>;

/** What each operation of the API does, its input already parsed and its bin's access checked (api.ts). */
export const handlers: { [K in OperationId]: Handler<K> } = {
  async createBin({ request, body, origin }) {
    mayCreateBin(request);
    const { bin, viewToken, manageKey } = await createBin(body);
    return { ...toBinView(bin, origin), manageKey, ...(viewToken ? { viewToken } : {}) };
  },
  async getBin({ bin, origin }) {
    const [count, forward] = await Promise.all([countCaptures(bin.id), lastForward(bin.id)]);
    return toBinDetail(bin, origin, count, forward);
  },
  deleteBin: ({ bin }) => deleteBin(bin.id),
  listCaptures: ({ bin, query }) => listCaptures(bin.id, query),
  clearBin: ({ bin }) => clearCaptures(bin.id),
  listRefusals: async ({ bin }) => ({ items: await listRefusals(bin.id) }),
  getCapture: ({ bin, params }) => getCapture(bin.id, params.rid),
  deleteCapture: ({ bin, params }) => deleteCapture(bin.id, params.rid),
  async getCaptureBody({ bin, params, query }) {
    const { bytes, contentType, headers } = await getCaptureBody(bin.id, params.rid);
    const codings = query.decode ? contentCodings(headers) : null;
    const body = codings ? await decodeContent(bytes, codings, config.MAX_BODY_BYTES) : bytes;
    return new Response(new Uint8Array(body), {
      headers: {
        "content-type": contentType ?? "application/octet-stream",
        // A captured HTML or SVG body must never run as this origin's page.
        "content-security-policy": "sandbox; default-src 'none'",
        "x-content-type-options": "nosniff",
        ...(codings ? { "x-hookjar-decoded": codings.join(", ") } : {}),
        ...(query.download !== undefined ? { "content-disposition": `attachment; filename="${params.rid}${extensionFor(contentType)}"` } : {}),
      },
    });
  },
  verifyCapture: ({ bin, params, body }) => verifyCapture(bin.id, params.rid, body),
  retryForward: ({ bin, params }) => retryForwardNow(bin.id, params.rid),
  giveUpForward: ({ bin, params }) => giveUpForward(bin.id, params.rid),
  setCustomResponse: ({ bin, body }) => setBinResponse(bin.id, body),
  clearCustomResponse: ({ bin }) => setBinResponse(bin.id, null),
  async setPrivacy({ bin, body }) {
    const viewToken = await setBinPrivacy(bin.id, body.private);
    return { private: body.private, ...(viewToken ? { viewToken } : {}) };
  },
  setForward: ({ bin, body }) => saveForward(bin.id, body),
  deleteForward: ({ bin }) => setBinForward(bin.id, null),
  getRules: async ({ bin }) => ({ rules: binRules(bin) }),
  setRules: async ({ bin, body }) => ({ rules: await setBinRules(bin.id, body.rules) }),
  deleteRules: async ({ bin }) => void (await setBinRules(bin.id, [])),
  exportSettings: async ({ bin }) => ({
    name: bin.name,
    response: (bin.response as CustomResponse | null) ?? null,
    forward: forwardOf(bin),
    rules: binRules(bin),
  }),
  async importSettings({ bin, body }) {
    // Everything was validated before anything is written: a bad document changes nothing.
    if (body.forward) await saveForward(bin.id, body.forward);
    else if (body.forward === null) await setBinForward(bin.id, null);
    if (body.name !== undefined) await setBinName(bin.id, body.name);
    if (body.response !== undefined) await setBinResponse(bin.id, body.response);
    if (body.rules !== undefined) await setBinRules(bin.id, body.rules);
  },
  async exportBin({ bin, query, origin }) {
    const { format, ids, ...filter } = query;
    return new Response(exportStream(bin.id, format, origin, ids, filter), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="hookjar-${bin.id}.${format === "har" ? "har" : "json"}"`,
      },
    });
  },
  async resend({ request, body, bin }) {
    // Recording an attempt on a capture changes its bin: api.ts checked the manage key for it.
    // Without one the request is free, an HTTP client towards any public address: limited.
    if (!bin) await mayResendFreely(request);
    return resend(body);
  },
  rotateManageKey: async ({ bin }) => ({ manageKey: await setManageKey(bin.id) }),
  listAllBins: async () => ({ items: await listAllBins() }),
  startReplay: ({ bin, body }) => startReplay(bin.id, body),
  getReplay: ({ params }) => getReplay(params.replayId),
  cancelReplay: ({ params }) => cancelReplay(params.replayId),
  listSamples: async () => ({ items: samples() }),
  // Readable from any origin, so API tools (Swagger Editor, Redoc…) can load it by its URL.
  openApi: async ({ origin }) => Response.json(openApiDocument(origin), { headers: { "access-control-allow-origin": "*" } }),
};
