import { describe, expect, it } from "vitest";
import { bodyBytes, formatBytes, hexRow, hexRowCount, toEncodedBody, utf8OrNull } from "./bytes.ts";

describe("bodyBytes", () => {
  it("decodes both encodings of the contract to the same bytes", () => {
    expect(Array.from(bodyBytes({ encoding: "utf8", data: "hé" }))).toEqual([0x68, 0xc3, 0xa9]);
    expect(Array.from(bodyBytes({ encoding: "base64", data: Buffer.from([0, 255, 10]).toString("base64") }))).toEqual([0, 255, 10]);
  });
});

describe("utf8OrNull", () => {
  it("rejects invalid UTF-8 instead of replacing characters", () => {
    expect(utf8OrNull(new Uint8Array([0x68, 0xc3, 0xa9]))).toBe("hé");
    expect(utf8OrNull(new Uint8Array([0xff, 0xfe]))).toBeNull();
  });
});

describe("hexRow", () => {
  const bytes = new Uint8Array([...Buffer.from("Hello, hex world"), 0x00, 0x7f, 0x89]);
  it("renders offset, two groups of eight bytes and printable ASCII", () => {
    expect(hexRow(bytes, 0)).toEqual({
      offset: "00000000",
      hex: "48 65 6c 6c 6f 2c 20 68  65 78 20 77 6f 72 6c 64",
      ascii: "Hello, hex world",
    });
  });
  it("pads the last row and dots unprintable bytes", () => {
    const last = hexRow(bytes, 1);
    expect(last.offset).toBe("00000010");
    expect(last.hex.startsWith("00 7f 89 ")).toBe(true);
    expect(last.hex).toHaveLength(hexRow(bytes, 0).hex.length);
    expect(last.ascii).toBe("...");
    expect(hexRowCount(bytes)).toBe(2);
    expect(hexRowCount(new Uint8Array())).toBe(0);
  });
});

describe("formatBytes", () => {
  it("uses binary units with one decimal below ten", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
  });
});

describe("toEncodedBody", () => {
  it("keeps valid UTF-8 as text and anything else as base64 that bodyBytes turns back into the same bytes", () => {
    expect(toEncodedBody(new TextEncoder().encode("héllo"))).toEqual({ encoding: "utf8", data: "héllo" });
    const binary = new Uint8Array(200_000).map((_, i) => (i * 7919) % 256);
    const encoded = toEncodedBody(binary);
    expect(encoded.encoding).toBe("base64");
    expect(encoded.data).toBe(Buffer.from(binary).toString("base64"));
    expect(bodyBytes(encoded)).toEqual(binary);
  });
});
