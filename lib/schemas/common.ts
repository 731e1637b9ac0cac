import { z } from "zod";

/** Headers as received or to be sent: ordered [name, value] pairs, duplicates allowed. */
export const HeaderPairsSchema = z.array(z.tuple([z.string(), z.string()]));
export type HeaderPairs = z.infer<typeof HeaderPairsSchema>;

/** Bytes carried in JSON: utf8 text when the bytes are valid UTF-8, else base64. */
export const EncodedBodySchema = z.object({
  encoding: z.enum(["utf8", "base64"]),
  data: z.string(),
});
export type EncodedBody = z.infer<typeof EncodedBodySchema>;

export const IsoDateSchema = z.iso.datetime();

// RFC 9110 token characters.
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: visible ASCII, space, tab and obs-text bytes (RFC 9110 §5.5), which Node sends as
// is; no CR or LF, so nothing can smuggle in a header line.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export const HeaderNameSchema = z.string().regex(HTTP_TOKEN, "header name must be an HTTP token (letters, digits, !#$%&'*+-.^_`|~)");

/** Header pairs that are safe to put on the wire (outgoing requests, custom responses). */
export const SendableHeaderPairsSchema = z.array(
  z.tuple([
    HeaderNameSchema,
    z.string().regex(HEADER_VALUE, "header value must be printable text (no CR, LF, control characters or characters beyond U+00FF)"),
  ]),
);

/** A header value made sendable: characters Node would refuse (CR, LF, controls, beyond U+00FF) become spaces. */
export const sendableHeaderValue = (value: string) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, " ");

/** Where Hookjar may send a request: http(s) only, credentials belong in headers. */
export const TargetUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .max(8192)
  // Zod runs this even after the URL check failed, hence the canParse guard.
  .refine((url) => !URL.canParse(url) || !hasCredentials(new URL(url)),
    "must not contain a user name or password (send an Authorization header instead)");

function hasCredentials(url: URL): boolean {
  return url.username !== "" || url.password !== "";
}
