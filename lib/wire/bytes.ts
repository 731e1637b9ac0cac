import type { EncodedBody } from "../schemas/common.ts";

/** Byte helpers that run in the browser as well as in Node (no Buffer). */

export function bodyBytes(body: EncodedBody): Uint8Array {
  if (body.encoding === "utf8") return new TextEncoder().encode(body.data);
  const binary = atob(body.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The inverse of bodyBytes: utf8 when the bytes decode losslessly, else base64. */
export function toEncodedBody(bytes: Uint8Array): EncodedBody {
  const text = utf8OrNull(bytes);
  if (text !== null) return { encoding: "utf8", data: text };
  let binary = "";
  // Chunked: spreading megabytes into one call would overflow the argument stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { encoding: "base64", data: btoa(binary) };
}

/** Decodes UTF-8, or null when the bytes are not valid UTF-8. */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

export const HEX_ROW = 16;

export type HexRow = { offset: string; hex: string; ascii: string };

/** One row of a classic hex dump: offset, 16 bytes in hex (split in two groups of 8), printable ASCII. */
export function hexRow(bytes: Uint8Array, row: number): HexRow {
  const start = row * HEX_ROW;
  const slice = bytes.subarray(start, start + HEX_ROW);
  const hex: string[] = [];
  let ascii = "";
  for (let i = 0; i < HEX_ROW; i++) {
    if (i === 8) hex.push("");
    if (i < slice.length) {
      hex.push(slice[i].toString(16).padStart(2, "0"));
      ascii += slice[i] >= 0x20 && slice[i] < 0x7f ? String.fromCharCode(slice[i]) : ".";
    } else {
      hex.push("  ");
    }
  }
  return { offset: start.toString(16).padStart(8, "0"), hex: hex.join(" "), ascii };
}

export const hexRowCount = (bytes: Uint8Array) => Math.ceil(bytes.length / HEX_ROW);

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
