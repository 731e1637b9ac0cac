import type { HeaderPairs } from "../../lib/schemas/common.ts";
import { parseJsonTree, type JsonNode } from "./jsontree.ts";

/** Reading a captured body's structure for display: what kind it is, forms, multipart parts, XML. */

export type BodyKind = "empty" | "json" | "xml" | "html" | "form" | "multipart" | "image" | "text" | "binary";

export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export function bodyKind(contentType: string | null, size: number, text: string | null): BodyKind {
  if (size === 0) return "empty";
  const type = mediaType(contentType);
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("multipart/")) return "multipart";
  if (text === null) return "binary";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type.endsWith("/json") || type.endsWith("+json")) return "json";
  if (type.endsWith("/xml") || type.endsWith("+xml")) return "xml";
  if (type === "text/html") return "html";
  const start = text.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return "json";
  if (start.startsWith("<?xml")) return "xml";
  return "text";
}

/** `a=1&b=x+y` → [["a","1"],["b","x y"]], order and duplicates kept; undecodable parts stay raw. */
export function parseUrlEncoded(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? "" : part.slice(eq + 1);
    pairs.push([decodeForm(name), decodeForm(value)]);
  }
  return pairs;
}

function decodeForm(s: string): string {
  const spaced = s.replaceAll("+", " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * The JSON tree of a form field that holds a JSON object or array (Slack's `payload=`), or null. A
 * field like `7` or `true` is JSON too, but reads best as the text it is.
 */
export function formFieldJson(value: string): JsonNode | null {
  return /^\s*[[{]/.test(value) ? parseJsonTree(value) : null;
}

/** A value of a `key=value` parameter of a header such as Content-Type or Content-Disposition. */
export function headerParam(header: string, key: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${key}\\*?=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i").exec(header);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2];
}

export type MultipartPart = {
  headers: HeaderPairs;
  body: Uint8Array;
  name: string | null;
  filename: string | null;
  contentType: string | null;
};

const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);

/** Splits a multipart body into its parts (headers as sent, body bytes untouched); null when it is not well formed. */
export function parseMultipart(bytes: Uint8Array, contentType: string | null): MultipartPart[] | null {
  const boundary = headerParam(contentType ?? "", "boundary");
  if (!boundary) return null;
  // One char per byte, so string offsets are byte offsets.
  const text = latin1(bytes);
  const delimiter = `--${boundary}`;
  let pos = text.indexOf(delimiter);
  if (pos === -1) return null;
  const parts: MultipartPart[] = [];
  while (true) {
    pos += delimiter.length;
    if (text.startsWith("--", pos)) return parts;
    const headerStart = text.indexOf("\n", pos) + 1;
    if (headerStart === 0) return null;
    const next = text.indexOf(`\n${delimiter}`, headerStart);
    if (next === -1) return null;
    const bodyEnd = text[next - 1] === "\r" ? next - 1 : next;
    const blank = /\r?\n\r?\n/.exec(text.slice(headerStart - 1, bodyEnd));
    const headerEnd = blank ? headerStart - 1 + blank.index : bodyEnd;
    const bodyStart = blank ? headerEnd + blank[0].length : bodyEnd;
    const headers = text
      .slice(headerStart, headerEnd)
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line): [string, string] => {
        const colon = line.indexOf(":");
        return colon === -1 ? [line, ""] : [line.slice(0, colon), line.slice(colon + 1).trim()];
      });
    const header = (n: string) => headers.find(([k]) => k.toLowerCase() === n)?.[1] ?? null;
    const disposition = header("content-disposition") ?? "";
    parts.push({
      headers,
      body: bytes.subarray(bodyStart, bodyEnd),
      name: headerParam(disposition, "name"),
      filename: headerParam(disposition, "filename"),
      contentType: header("content-type"),
    });
    pos = next + 1;
  }
}

const XML_TOKEN = /(<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[^>]*>)/;

/** Indents XML one element per line; text-only elements stay on one line. For display only. */
export function formatXml(xml: string, indent = "  "): string {
  const tokens = xml.split(XML_TOKEN).filter((t) => t.trim() !== "");
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].trim();
    const isTag = token.startsWith("<") && !token.startsWith("<!--") && !token.startsWith("<![CDATA[");
    if (isTag && token.startsWith("</")) {
      depth = Math.max(0, depth - 1);
      lines.push(indent.repeat(depth) + token);
    } else if (isTag && !token.startsWith("<?") && !token.startsWith("<!") && !token.endsWith("/>")) {
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text !== undefined && !text.trim().startsWith("<") && close?.trim().startsWith("</")) {
        lines.push(indent.repeat(depth) + token + text.trim() + close.trim());
        i += 2;
      } else {
        lines.push(indent.repeat(depth) + token);
        depth++;
      }
    } else {
      lines.push(indent.repeat(depth) + token);
    }
  }
  return lines.join("\n");
}
