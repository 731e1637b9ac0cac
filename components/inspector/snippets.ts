import { apiUrl } from "@/components/api/client.ts";
import { bodyBytes, utf8OrNull } from "../../lib/wire/bytes.ts";
import { hasHeader, withoutHopByHop } from "../../lib/wire/headers.ts";
import type { HeaderPairs } from "../../lib/schemas/common.ts";
import type { CaptureSummary, CaptureView } from "../../lib/schemas/capture.ts";

/**
 * Code that sends a capture again: a cURL command that reproduces it byte for byte, and a fetch
 * snippet. Pure, so client components can use it.
 */

/** The URL a capture was sent to, rebuilt from the bin's capture URL and the raw path and query. */
export function captureRequestUrl(captureUrl: string, capture: Pick<CaptureSummary, "path" | "query">): string {
  const path = capture.path === "/" ? "" : capture.path;
  return `${captureUrl}${path}${capture.query ? `?${capture.query}` : ""}`;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Quotes one shell word for bash, zsh and POSIX sh alike. Printable ASCII goes in single quotes;
 * anything else is produced by printf inside a command substitution, every other byte written as
 * an octal escape (`$'…'` is not POSIX: dash would pass it on literally). Header strings hold one
 * byte per character (Node reads them as latin1), so characters up to U+00FF are written as that
 * byte, beyond it as UTF-8. Values are header lines, methods and URLs: no trailing newline, which
 * a command substitution would drop.
 */
export function shellQuote(value: string): string {
  if (PRINTABLE_ASCII.test(value)) return singleQuoted(value);
  const bytes: number[] = [];
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code > 0xff) bytes.push(...new TextEncoder().encode(ch));
    else bytes.push(code);
  }
  return `"$(printf ${printfFormat(Uint8Array.from(bytes))})"`;
}

/**
 * A single-quoted printf format that outputs exactly `bytes`: printable ASCII as itself, the rest
 * as 3-digit octal escapes (POSIX printf; unlike a shell string it can carry NUL bytes). A leading
 * `-` is escaped too, or printf would take the format for an option (multipart bodies start with
 * `--boundary`), and so is `!`, which interactive bash expands inside double quotes.
 */
export function printfFormat(bytes: Uint8Array): string {
  let out = "";
  bytes.forEach((b, i) => {
    if (b === 0x25) out += "%%";
    else if (b === 0x5c) out += "\\\\";
    else if (b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x21 && !(i === 0 && b === 0x2d)) out += String.fromCharCode(b);
    else out += `\\${b.toString(8).padStart(3, "0")}`;
  });
  return `'${out}'`;
}

// Text that survives a copy–paste into a terminal inside single quotes: no CR, no other controls.
const PASTEABLE_TEXT = /^[^\x00-\x08\x0b-\x1f\x7f]*$/;


// Headers curl adds on its own; an empty `-H 'Name:'` stops it when the original did not have them.
const CURL_DEFAULTS = ["User-Agent", "Accept"];
// curl sends Expect: 100-continue for larger bodies (the threshold differs between versions).
const EXPECT_THRESHOLD = 1024;
// Linux refuses a single argument over 128 KiB, and nobody wants megabytes in a clipboard: larger
// bodies are downloaded from the API into a temporary file first.
const INLINE_LIMIT = 64 * 1024;

/**
 * The headers a client sending the capture again may set: the transport's own (Host, Content-Length,
 * Transfer-Encoding, Connection, Expect and the other hop-by-hop ones) describe the original
 * connection, so copying them would send a stale Host or a length that no longer fits.
 */
export function messageHeaders(headers: HeaderPairs): HeaderPairs {
  return withoutHopByHop(headers).filter(([name]) => !FRAMING.has(name.toLowerCase()));
}
const FRAMING = new Set(["content-length", "expect"]);

/**
 * A cURL command that sends the capture again: same method, URL path and query, every header of
 * the message in order with its case and duplicates (curl writes the transport's own for wherever
 * it is pointed), and the same body bytes. Binary bodies are piped in through printf; large ones
 * are first fetched from the capture's body endpoint (with `viewToken` when the bin is private)
 * into a temporary file that the command removes whatever happens.
 */
export function toCurl(capture: CaptureView, captureUrl: string, viewToken: string | null = null): string {
  const url = captureRequestUrl(captureUrl, capture);
  const bytes = bodyBytes(capture.body);
  const text = bytes.length ? utf8OrNull(bytes) : null;
  const asText = text !== null && PASTEABLE_TEXT.test(text);
  const hasBody = bytes.length > 0;
  const headers = messageHeaders(capture.headers);

  const args: string[] = [];
  if (/[[\]{}]/.test(url)) args.push("--globoff");
  if (/\/\.\.?(\/|$)/.test(capture.path)) args.push("--path-as-is");
  if (capture.httpVersion === "1.0") args.push("--http1.0");
  if (capture.method === "HEAD" && !hasBody) args.push("--head");
  else if (!(capture.method === "POST" && hasBody)) args.push(`-X ${shellQuote(capture.method)}`);

  for (const [name, value] of headers) {
    // `-H 'Name:'` would remove the header; `Name;` is curl's way to send an empty value.
    args.push(`-H ${shellQuote(value === "" ? `${name};` : `${name}: ${value}`)}`);
  }
  for (const name of CURL_DEFAULTS) if (!hasHeader(headers, name)) args.push(`-H '${name}:'`);
  if (hasBody && !hasHeader(headers, "content-type")) args.push(`-H 'Content-Type:'`);
  if (bytes.length > EXPECT_THRESHOLD) args.push(`-H 'Expect:'`);
  // An empty body that was announced as such stays announced (curl says nothing of a body it has not got).
  if (!hasBody && hasHeader(capture.headers, "content-length")) args.push(`-H 'Content-Length: 0'`);

  const large = bytes.length > INLINE_LIMIT;
  if (large) args.push(`--data-binary @"$f"`);
  else if (hasBody) args.push(asText ? `--data-raw ${singleQuoted(text!)}` : "--data-binary @-");
  const command = ["curl", ...args, shellQuote(url)].join(" \\\n  ");
  if (large) {
    const auth = viewToken ? ` -H ${shellQuote(`Authorization: Bearer ${viewToken}`)}` : "";
    // A subshell: its variable and traps end with it, and the file goes however it ends (Ctrl-C too).
    return [
      `( f="$(mktemp)" || exit; trap 'rm -f "$f"' EXIT; trap 'exit 130' INT TERM HUP`,
      `curl -fsS${auth} -o "$f" ${shellQuote(bodyEndpoint(captureUrl, capture))} && \\`,
      `${command} )`,
    ].join("\n");
  }
  return hasBody && !asText ? `printf ${printfFormat(bytes)} | ${command}` : command;
}

/** The API URL of a capture's raw body, on the same origin as the bin's capture URL. */
function bodyEndpoint(captureUrl: string, capture: Pick<CaptureSummary, "id" | "binId">): string {
  const origin = captureUrl.slice(0, captureUrl.lastIndexOf("/b/"));
  return `${origin}${apiUrl("getCaptureBody", { params: { id: capture.binId, rid: capture.id } })}`;
}

/** Single quotes: everything inside is literal, newlines and any Unicode included. */
function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A fetch() call with the capture's method, headers (those fetch lets a caller set) and body. */
export function toFetch(capture: CaptureView, captureUrl: string): string {
  const url = captureRequestUrl(captureUrl, capture);
  // fetch() refuses the transport's headers, and sets them itself.
  const headers = messageHeaders(capture.headers);
  const lines = [`await fetch(${JSON.stringify(url)}, {`, `  method: ${JSON.stringify(capture.method)},`];
  if (headers.length) {
    lines.push("  headers: [");
    for (const pair of headers) lines.push(`    ${JSON.stringify(pair)},`);
    lines.push("  ],");
  }
  const bytes = bodyBytes(capture.body);
  if (bytes.length && capture.method !== "GET" && capture.method !== "HEAD") {
    lines.push(
      capture.body.encoding === "utf8"
        ? `  body: ${JSON.stringify(capture.body.data)},`
        : `  body: Uint8Array.from(atob(${JSON.stringify(capture.body.data)}), (c) => c.charCodeAt(0)),`,
    );
  }
  lines.push("});");
  return lines.join("\n");
}
