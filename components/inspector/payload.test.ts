import { describe, expect, it } from "vitest";
import { bodyKind, formFieldJson, formatXml, headerParam, parseMultipart, parseUrlEncoded } from "./payload.ts";

describe("bodyKind", () => {
  it("goes by media type first, then by content", () => {
    expect(bodyKind(null, 0, "")).toBe("empty");
    expect(bodyKind("application/json; charset=utf-8", 2, "{}")).toBe("json");
    expect(bodyKind("application/vnd.api+json", 2, "{}")).toBe("json");
    expect(bodyKind("text/plain", 2, "[]")).toBe("json");
    expect(bodyKind("application/atom+xml", 4, "<a/>")).toBe("xml");
    expect(bodyKind(null, 10, "<?xml ?><a/>")).toBe("xml");
    expect(bodyKind("text/html", 4, "<b/>")).toBe("html");
    expect(bodyKind("application/x-www-form-urlencoded", 3, "a=1")).toBe("form");
    expect(bodyKind("multipart/form-data; boundary=x", 3, null)).toBe("multipart");
    expect(bodyKind("image/png", 3, null)).toBe("image");
    expect(bodyKind("application/json", 3, null)).toBe("binary");
    expect(bodyKind(null, 5, "hello")).toBe("text");
  });
});

describe("parseUrlEncoded", () => {
  it("decodes pairs in order with duplicates, and keeps undecodable ones raw", () => {
    expect(parseUrlEncoded("a=1&b=x+y%21&a=2&flag&&e=&bad=%E0%A4%A")).toEqual([
      ["a", "1"], ["b", "x y!"], ["a", "2"], ["flag", ""], ["e", ""], ["bad", "%E0%A4%A"],
    ]);
  });
});

describe("formFieldJson", () => {
  it("reads a field holding a JSON object or array (Slack's payload=) as a tree, and leaves the rest as text", () => {
    const [[, payload]] = parseUrlEncoded(`payload=${encodeURIComponent('{"type":"block_actions","actions":[{"value":"ok"}]}')}`);
    expect(formFieldJson(payload)).toMatchObject({ type: "object" });
    expect(formFieldJson(' [1, 2]')).toMatchObject({ type: "array" });
    for (const text of ["7", "true", '"s"', "hello", "{not json", ""]) expect(formFieldJson(text)).toBeNull();
  });
});

describe("headerParam", () => {
  it("reads quoted and bare parameters", () => {
    expect(headerParam('multipart/form-data; boundary="a b;c"', "boundary")).toBe("a b;c");
    expect(headerParam("form-data; name=field; filename=\"x\\\"y.png\"", "filename")).toBe('x"y.png');
    expect(headerParam("form-data; filename=a", "name")).toBeNull();
  });
});

describe("parseMultipart", () => {
  const body = Buffer.concat([
    Buffer.from('preamble\r\n--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nHello\r\nworld\r\n'),
    Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
    Buffer.from([0, 0xff, 0x0d, 0x0a, 1]),
    Buffer.from("\r\n--XyZ--\r\n"),
  ]);

  it("splits parts with their headers and exact body bytes", () => {
    const parts = parseMultipart(new Uint8Array(body), "multipart/form-data; boundary=XyZ")!;
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ name: "title", filename: null, contentType: null, headers: [["Content-Disposition", 'form-data; name="title"']] });
    expect(Buffer.from(parts[0].body).toString()).toBe("Hello\r\nworld");
    expect(parts[1]).toMatchObject({ name: "file", filename: "a.bin", contentType: "application/octet-stream" });
    expect(Array.from(parts[1].body)).toEqual([0, 0xff, 0x0d, 0x0a, 1]);
  });

  it("answers null without a boundary or a closing delimiter", () => {
    expect(parseMultipart(new Uint8Array(body), "multipart/form-data")).toBeNull();
    expect(parseMultipart(new Uint8Array(Buffer.from("--XyZ\r\n\r\nno end")), "multipart/form-data; boundary=XyZ")).toBeNull();
  });
});

describe("formatXml", () => {
  it("puts one element per line, indented, with text-only elements inline", () => {
    expect(formatXml('<?xml version="1.0"?><a x="1"><b>text</b><c/><!-- note --><d><e>1</e></d></a>')).toBe(
      ['<?xml version="1.0"?>', '<a x="1">', "  <b>text</b>", "  <c/>", "  <!-- note -->", "  <d>", "    <e>1</e>", "  </d>", "</a>"].join("\n"),
    );
  });
});
