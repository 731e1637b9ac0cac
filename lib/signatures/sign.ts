import type { HeaderPairs } from "../schemas/common.ts";
import type { Sign } from "../schemas/signature.ts";
import { SCHEME_IMPLS } from "./schemes.ts";

export type SignedRequest = { url: string; headers: HeaderPairs; signed: HeaderPairs };

/**
 * Re-signs an outgoing request over the body actually sent: each signature (and timestamp) header
 * the scheme sets replaces every header of that name, keeping the first one's place and spelling,
 * so each goes out exactly once.
 */
export function signRequest(url: string, headers: HeaderPairs, body: Buffer, sign: Sign, now = new Date()): SignedRequest {
  const { set, url: signedUrl } = SCHEME_IMPLS[sign.scheme].sign({ headers, body, urls: [url] }, { secret: sign.secret, hmac: sign.hmac, now });
  let out = headers;
  const signed: HeaderPairs = [];
  for (const [name, value] of set) {
    const lower = name.toLowerCase();
    const at = out.findIndex(([n]) => n.toLowerCase() === lower);
    const pair: [string, string] = [at === -1 ? name : out[at][0], value];
    out = at === -1 ? [...out, pair] : out.flatMap((p, i) => (i === at ? [pair] : p[0].toLowerCase() === lower ? [] : [p]));
    signed.push(pair);
  }
  return { url: signedUrl, headers: out, signed };
}
