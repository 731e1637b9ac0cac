import type { IncomingMessage, ServerResponse } from "node:http";
import { toErrorResponse } from "../http/errors.ts";
import type { CustomResponse } from "../schemas/bin.ts";

/** What the capture path says back to a sender: CORS, preflight, default, custom and error answers. */

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** Answers anything thrown on the capture path in the API's error shape (lib/http/errors.ts). */
export function sendError(res: ServerResponse, error: unknown) {
  const { status, body, headers } = toErrorResponse(error);
  sendJson(res, status, body, headers);
}

/** Permissive CORS on every answer, so no browser sender ever hits a CORS wall. */
export function allowCors(req: IncomingMessage, res: ServerResponse) {
  res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
  res.setHeader("vary", "origin");
  res.setHeader("access-control-allow-credentials", "true");
  res.setHeader("access-control-expose-headers", "*");
}

/** Answers a browser's preflight with whatever it asked for; false when this is no preflight. */
function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  const method = req.headers["access-control-request-method"];
  if (req.method !== "OPTIONS" || !method) return false;
  res.writeHead(204, {
    "access-control-allow-methods": method,
    "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
    "access-control-max-age": "86400",
  });
  res.end();
  return true;
}

/** The answer to a stored capture: a preflight's, the bin's custom response, or `{ ok, id }`. */
export async function acknowledge(req: IncomingMessage, res: ServerResponse, custom: CustomResponse | null, id: string) {
  if (answerPreflight(req, res)) return;
  if (custom) return sendCustom(res, custom);
  sendJson(res, 200, { ok: true, id });
}

const FRAMING = new Set(["content-length", "transfer-encoding", "connection"]);

async function sendCustom(res: ServerResponse, custom: CustomResponse) {
  if (custom.delayMs > 0) await new Promise((r) => setTimeout(r, custom.delayMs));
  res.statusCode = custom.status;
  for (const [name, value] of custom.headers) {
    // Node frames the body itself; a framing header that disagreed would corrupt the connection.
    if (!FRAMING.has(name.toLowerCase())) res.appendHeader(name, value);
  }
  res.end(custom.body);
}
