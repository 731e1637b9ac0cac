import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { AppError } from "../runtime/errors.ts";
import { hasHeader, headerPairs } from "../wire/headers.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import { resolveTarget, type ResolvedAddress } from "./ssrf.ts";

/**
 * The one way Hookjar sends a request out (resend, auto-forward, relay): node:http with the
 * header pairs as a raw list, so order, case and duplicates reach the wire as given.
 */

export const MAX_RESPONSE_BYTES = 1024 * 1024;

export type OutboundRequest = {
  method: string;
  url: string;
  headers: HeaderPairs;
  body: Uint8Array;
  timeoutMs: number;
  allowPrivate: boolean;
};

export type OutboundResponse = {
  status: number;
  statusText: string;
  headers: HeaderPairs;
  body: Buffer;
  truncated: boolean;
  durationMs: number;
};

export type Outcome =
  | { ok: true; response: OutboundResponse; durationMs: number }
  | { ok: false; error: AppError; durationMs: number };

/** An http(s) URL without credentials, or a 400 that says what is wrong with it. */
export function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError("invalid_url", `"${text}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError("invalid_url", `Only http and https URLs can be sent to, not ${url.protocol.slice(0, -1)}.`);
  }
  if (url.username || url.password) {
    throw new AppError("invalid_url", "URLs with a user name or password are not sent; use an Authorization header.");
  }
  return url;
}

// Node's client frames a body on these methods with chunked encoding unless told a length.
const NO_DEFAULT_BODY = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);

/**
 * The header pairs as given plus only what the transport needs: Host when absent, and
 * Content-Length when absent and the body (or the method) needs framing. Node itself adds
 * `Connection: close` when there is no Connection header: each request uses its own connection.
 */
export function wireHeaders(url: URL, method: string, headers: HeaderPairs, body: Uint8Array): HeaderPairs {
  const out: HeaderPairs = hasHeader(headers, "host") ? [...headers] : [["Host", url.host], ...headers];
  const framed = hasHeader(headers, "content-length") || hasHeader(headers, "transfer-encoding");
  if (!framed && (body.length > 0 || !NO_DEFAULT_BODY.has(method.toUpperCase()))) {
    out.push(["Content-Length", String(body.length)]);
  }
  return out;
}

/** Sends the request; a failure is thrown as the AppError its caller can answer with (400/502/504). */
export async function send(request: OutboundRequest): Promise<OutboundResponse> {
  const url = parseTargetUrl(request.url);
  const started = performance.now();
  // One budget for the whole exchange: a slow resolver counts against it too.
  const addresses = await within(resolveTarget(url.hostname, request.allowPrivate), request.timeoutMs, () =>
    timedOut(url, request.timeoutMs),
  );
  return exchange(url, addresses, request, started + request.timeoutMs - performance.now(), started);
}

function within<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

/** `send` that never throws: the outcome and how long it took, for callers that record attempts. */
export async function trySend(request: OutboundRequest): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await send(request);
    return { ok: true, response, durationMs: response.durationMs };
  } catch (error) {
    const apiError = error instanceof AppError ? error : new AppError("target_unreachable", String(error));
    return { ok: false, error: apiError, durationMs: Math.round(performance.now() - started) };
  }
}

/**
 * Makes the connection go to the addresses that were checked, whatever DNS would say now. Node
 * asks for all of them when it tries IPv6 and IPv4 in turn (`localhost` may be either).
 */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

function exchange(
  url: URL,
  addresses: ResolvedAddress[],
  request: OutboundRequest,
  remainingMs: number,
  started: number,
): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (result: OutboundResponse | AppError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.destroy();
      if (result instanceof AppError) reject(result);
      else resolve(result);
    };
    let outgoing: http.ClientRequest;
    try {
      outgoing = (url.protocol === "https:" ? https : http).request({
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        method: request.method,
        path: url.pathname + url.search,
        headers: wireHeaders(url, request.method, request.headers, request.body).flat(),
        lookup: pinnedLookup(addresses),
        agent: false,
      });
    } catch (error) {
      // Node refuses header names/values and methods it cannot put on the wire, before connecting.
      return reject(new AppError("invalid_request", `Cannot send this request: ${(error as Error).message}`));
    }
    const timer = setTimeout(() => finish(timedOut(url, request.timeoutMs)), Math.max(remainingMs, 0));
    outgoing.on("error", (error) => finish(unreachable(url, error)));
    outgoing.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (truncated: boolean) =>
        finish({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          headers: headerPairs(res.rawHeaders),
          body: Buffer.concat(chunks, size),
          truncated,
          durationMs: Math.round(performance.now() - started),
        });
      res.on("data", (chunk: Buffer) => {
        const room = MAX_RESPONSE_BYTES - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size += room;
          return done(true);
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => done(false));
      res.on("error", (error) => finish(unreachable(url, error)));
    });
    outgoing.end(request.body.length ? request.body : undefined);
  });
}

function timedOut(url: URL, timeoutMs: number): AppError {
  return new AppError("target_timeout", `${url.host} did not answer within ${timeoutMs} ms.`);
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused (nothing is listening on that port)",
  ECONNRESET: "the connection was reset before a complete answer arrived",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  EPIPE: "the connection was closed while sending",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate chain is self-signed",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another host name",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate cannot be verified",
};

function unreachable(url: URL, error: NodeJS.ErrnoException): AppError {
  const code = error.code ?? "";
  const reason = REASONS[code] ?? (code.startsWith("HPE_") ? "its answer was not valid HTTP" : error.message);
  return new AppError("target_unreachable", `No answer from ${url.host}: ${reason}.`);
}
