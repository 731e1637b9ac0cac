import { z } from "zod";
// Every schema's messages are sentences for people: imported here, where every schema file looks.
import "./messages.ts";

/** A final answer: a 1xx one is interim, and a sender would wait for another that never comes. */
export const FINAL_STATUS = "The status must be a final answer, from 200 to 599.";

/** The longest name a bin or a rule may have (the forms' fields stop there too). */
export const NAME_MAX = 80;

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

export const HeaderNameSchema = z.string().regex(HTTP_TOKEN, "A header name must be an HTTP token (letters, digits and !#$%&'*+-.^_`|~).");

/** Header pairs that are safe to put on the wire (outgoing requests, custom responses). */
export const SendableHeaderPairsSchema = z.array(
  z.tuple([
    HeaderNameSchema,
    z.string().regex(HEADER_VALUE, "A header value must be printable text (no CR, LF, control characters or characters beyond U+00FF)."),
  ]),
);

/** A header value made sendable: characters Node would refuse (CR, LF, controls, beyond U+00FF) become spaces. */
export const sendableHeaderValue = (value: string) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, " ");

/** Where Hookjar may send a request: http(s) only, credentials belong in headers. */
export const TargetUrlSchema = z
  .url({ protocol: /^https?$/, error: (issue) => badPort(issue.input) ?? "The URL must start with http:// or https://." })
  .max(8192)
  // Zod runs this even after the URL check failed, hence the canParse guard.
  .refine((url) => !URL.canParse(url) || !hasCredentials(new URL(url)),
    "The URL must not contain a user name or password (send an Authorization header instead).");

/** A port out of range makes the URL unparsable: say so, rather than that it is no URL at all. */
function badPort(input: unknown): string | undefined {
  const port = typeof input === "string" ? /^https?:\/\/(?:[^/?#@]*@)?(?:\[[^\]]*\]|[^/?#:]*):(\d+)(?:[/?#]|$)/i.exec(input)?.[1] : undefined;
  return port !== undefined && Number(port) > 65535 ? `The URL's port ${port} is out of range (0–65535).` : undefined;
}

function hasCredentials(url: URL): boolean {
  return url.username !== "" || url.password !== "";
}
