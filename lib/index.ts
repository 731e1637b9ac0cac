/**
 * What the edges may use of the server: server.ts and Next's route handlers and pages. Both load this
 * package from one file at run time (see app/server-lib.ts), so every module below exists once per
 * process: one write queue, one change feed, one Socket.IO server, whoever calls.
 */

// The capture path and the process around it (server.ts).
export { handleCapture, refuseCapture } from "./capture/handler.ts";
export { sendError } from "./capture/answer.ts";
export { releaseHangs } from "./capture/faults.ts";
export { isCapturePath } from "./capture/target.ts";
export { serveOperations } from "./http/operations.ts";
export { stopForwarding, saveForward } from "./outbound/forward.ts";
export { attachRealtime } from "./realtime/io.ts";
export { appRoot } from "./runtime/app-root.ts";
export { config } from "./runtime/config.ts";
export { log } from "./runtime/log.ts";
export { metrics } from "./runtime/metrics.ts";
export { captureWriter } from "./store/capture-writer.ts";
export { openDatabase, database } from "./store/db.ts";
export { flushRefusals, listRefusals } from "./store/refusals.ts";
export { provisionBins } from "./store/provision.ts";
export { startRetention } from "./store/retention.ts";

// Route handlers and pages (app/).
export { AppError } from "./runtime/errors.ts";
export { authorizedBin, binRoute, jsonBody, methods, noContent, parse, publicOrigin, queryParams, route } from "./http/route.ts";
export { tokenCookie } from "./http/access.ts";
export { tokenMatches } from "./runtime/secrets.ts";
export { decodeContent } from "./http/content-decoding.ts";
export { openApiDocument } from "./http/openapi.ts";
export { resend } from "./outbound/resend.ts";
export { verifyCapture } from "./signatures/verify.ts";
export { lastForward } from "./store/attempts.ts";
export { binRules, countCaptures, createBin, deleteBin, findBin, setBinForward, setBinName, setBinPrivacy, setBinResponse, setBinRules } from "./store/bins.ts";
export { captureBinId, clearCaptures, deleteCapture, getCapture, getCaptureBody, listCaptures } from "./store/captures.ts";
export { exportStream } from "./store/export.ts";
export { binLimits, binUrls, forwardOf, toBinDetail, toBinView } from "./store/views.ts";
export { contentCodings } from "./wire/headers.ts";
export { extensionFor } from "./wire/extension.ts";
export { BinPrivacySchema, BinSettingsSchema, CreateBinSchema, CustomResponseSchema, ForwardSchema } from "./schemas/bin.ts";
export { BodyQuerySchema, ExportQuerySchema, ListCapturesQuerySchema } from "./schemas/capture.ts";
export { RESEND_JSON_LIMIT, ResendRequestSchema } from "./schemas/resend.ts";
export { RulesSchema } from "./schemas/rules.ts";
export { VerifyRequestSchema } from "./schemas/signature.ts";
