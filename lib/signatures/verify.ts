import { AppError } from "../runtime/errors.ts";
import { config } from "../runtime/config.ts";
import type { HeaderPairs } from "../schemas/common.ts";
import { detectScheme, type VerifyRequest, type VerifyResult } from "../schemas/signature.ts";
import { findCapture } from "../store/captures.ts";
import { reformattedOrMismatch } from "./reformatted.ts";
import { SCHEME_IMPLS } from "./schemes.ts";

/** `POST /api/bins/{id}/requests/{rid}/verify`: a capture's signature checked with a secret used for this call only. */
export async function verifyCapture(binId: string, captureId: string, input: VerifyRequest): Promise<VerifyResult> {
  const capture = await findCapture(binId, captureId);
  const headers = capture.headers as HeaderPairs;
  const named = input.scheme ?? (input.hmac ? "hmac" : null);
  const scheme = named ?? detectScheme(headers);
  if (!scheme) {
    throw new AppError("unknown_scheme", "No known signature header on this capture: name the scheme (for a generic HMAC: scheme hmac with hmac options).");
  }
  const urls = captureUrls(binId, capture.path, capture.query, headers);
  const context = { secret: input.secret, hmac: input.hmac, toleranceS: input.toleranceS, receivedAt: capture.receivedAt };
  const verifyOver = (body: Buffer) => SCHEME_IMPLS[scheme].verify({ headers, body, urls }, context);
  const body = Buffer.from(capture.body);
  return { scheme, detected: named === null, ...reformattedOrMismatch(verifyOver(body), body, verifyOver) };
}

/**
 * The URLs a sender may have requested to reach this capture (Twilio signs the URL): PUBLIC_URL
 * first when set, else the origin a proxy passed on (X-Forwarded-Proto/-Host) or the Host
 * header; each with and without the default port, and with and without a trailing slash when the
 * capture has no sub-path, like Twilio's own validator.
 */
export function captureUrls(binId: string, path: string, query: string, headers: HeaderPairs): string[] {
  const first = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1].split(",")[0].trim() || null;
  const host = first("x-forwarded-host") ?? first("host");
  const origins = [
    // PUBLIC_URL may carry a path prefix (a proxy serving Hookjar under /hooks): keep it.
    ...(config.PUBLIC_URL ? [config.PUBLIC_URL.replace(/\/$/, "")] : []),
    ...(host ? [`${first("x-forwarded-proto") ?? "http"}://${host}`] : []),
  ];
  const paths = path === "/" ? ["", "/"] : [path];
  const search = query ? `?${query}` : "";
  // A Host header is whatever the sender wrote: an unusable one yields no candidate, not a failure.
  const urls = origins
    .flatMap((origin) => paths.flatMap((p) => withAndWithoutPort(`${origin}/b/${binId}${p}${search}`)))
    .filter((url) => URL.canParse(url));
  return urls.length ? [...new Set(urls)] : [`http://localhost/b/${binId}${path}${search}`];
}

function withAndWithoutPort(url: string): string[] {
  const parts = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(:\d+)?(.*)$/i.exec(url);
  if (!parts) return [url];
  const [, scheme, host, port, rest] = parts;
  const defaultPort = scheme.toLowerCase() === "https" ? ":443" : ":80";
  return [url, `${scheme}://${host}${rest}`, `${scheme}://${host}${port ?? defaultPort}${rest}`];
}
