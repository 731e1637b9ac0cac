import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate, inflateRaw, type ZlibOptions } from "node:zlib";
import { formatBytes } from "../wire/bytes.ts";
import { AppError } from "../runtime/errors.ts";

/**
 * A captured body's content codings undone, for reading only (the stored bytes stay as sent).
 * Output is capped: a small compressed body may expand to gigabytes (a zip bomb), and zlib stops
 * at `limit` instead of filling memory. Runs on libuv's pool, so a large body does not block captures.
 */

type Decoder = (input: Buffer, options: ZlibOptions) => Promise<Buffer>;

const gunzipAsync = promisify(gunzip) as Decoder;
const inflateAsync = promisify(inflate) as Decoder;
const inflateRawAsync = promisify(inflateRaw) as Decoder;
const brotliAsync = promisify(brotliDecompress) as Decoder;

// HTTP's "deflate" is the zlib format, but some senders send raw deflate: try that second.
const deflate: Decoder = (input, options) => inflateAsync(input, options).catch((error) => (isTooLarge(error) ? Promise.reject(error) : inflateRawAsync(input, options)));

const DECODERS: Record<string, Decoder> = { gzip: gunzipAsync, "x-gzip": gunzipAsync, deflate, br: brotliAsync };

const isTooLarge = (error: unknown) => (error as NodeJS.ErrnoException)?.code === "ERR_BUFFER_TOO_LARGE";

/** `codings` as Content-Encoding lists them (first applied first); undone last to first. */
export async function decodeContent(bytes: Buffer, codings: string[], limit: number): Promise<Buffer> {
  let out = bytes;
  for (const coding of [...codings].reverse()) {
    const decoder = DECODERS[coding];
    if (!decoder) throw new AppError("undecodable_body", `Cannot decode the content coding "${coding}": Hookjar decodes gzip, deflate and br.`);
    try {
      out = await decoder(out, { maxOutputLength: limit });
    } catch (error) {
      if (isTooLarge(error)) {
        throw new AppError("decoded_too_large", `Too large to decode: the body expands past the limit of ${formatBytes(limit)} (${limit} bytes). The raw encoded bytes are kept as sent.`, { limit });
      }
      throw new AppError("undecodable_body", `Cannot decode: the body is not valid ${coding} data (${(error as Error).message}). The raw encoded bytes are kept as sent.`);
    }
  }
  return out;
}
