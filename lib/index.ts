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
export { serveOperations } from "./http/probes.ts";
export { stampPeer } from "./http/peer.ts";
export { serveCliPackage } from "./http/cli-package.ts";
export { stopForwarding } from "./outbound/forward.ts";
export { startForwardRetries } from "./outbound/forward-schedule.ts";
export { attachRealtime } from "./realtime/io.ts";
export { appRoot } from "./runtime/app-root.ts";
export { AppError } from "./runtime/errors.ts";
export { config } from "./runtime/config.ts";
export { log } from "./runtime/log.ts";
export { metrics } from "./runtime/metrics.ts";
export { TransientSet } from "./runtime/transient-set.ts";
export { captureWriter } from "./store/capture-writer.ts";
export { openDatabase } from "./store/db.ts";
export { flushRefusals, listRefusals } from "./store/refusals.ts";
export { provisionBins } from "./store/provision.ts";
export { startRetention } from "./store/retention.ts";

// Route handlers and pages (app/).
export { handleApi } from "./http/api.ts";
export { tokenCookie } from "./http/access.ts";
export { publicOrigin } from "./http/request.ts";
export { tokenMatches } from "./runtime/secrets.ts";
export { lastForward } from "./store/attempts.ts";
export { countCaptures, findBin } from "./store/bins.ts";
export { listCaptures } from "./store/captures.ts";
export { binLimits, binUrls, forwardOf } from "./store/views.ts";
