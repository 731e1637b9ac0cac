import type { EncodedBody } from "../schemas/common.ts";
import { utf8OrNull } from "./bytes.ts";

/** Bodies carried in JSON (the API, resend, the relay): exact bytes as utf8 text or base64. Node only. */

/** utf8 when the bytes decode losslessly, else base64: the JSON form round-trips to the same bytes. */
export function encodeBody(bytes: Uint8Array): EncodedBody {
  const text = utf8OrNull(bytes);
  return text === null ? { encoding: "base64", data: Buffer.from(bytes).toString("base64") } : { encoding: "utf8", data: text };
}

export function decodeBody(body: EncodedBody | undefined): Buffer {
  if (!body) return Buffer.alloc(0);
  return Buffer.from(body.data, body.encoding === "utf8" ? "utf8" : "base64");
}
