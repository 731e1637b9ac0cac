import { describe, expect, it } from "vitest";
import { previewAnswer } from "./responsePreview.ts";

describe("previewAnswer", () => {
  it("shows the status line, the bin's headers, the server's own and the body byte length", () => {
    const preview = previewAnswer({ status: 201, headers: [["X-Mode", "mock"], ["Content-Type", "text/plain"]], body: "héllo", delayMs: 250 });
    expect(preview.statusLine).toBe("HTTP/1.1 201 Created");
    expect(preview.headers.filter((h) => !h.added).map((h) => [h.name, h.value])).toEqual([["X-Mode", "mock"], ["Content-Type", "text/plain"]]);
    expect(preview.headers.find((h) => h.name === "Content-Length")).toEqual({ name: "Content-Length", value: "6", added: true });
    expect(preview.body).toBe("héllo");
    expect(preview.delayMs).toBe(250);
  });

  it("drops framing headers the server sets itself and names them", () => {
    const preview = previewAnswer({ status: 503, headers: [["Content-Length", "99"], ["connection", "close"], ["Retry-After", "5"]], body: "", delayMs: 0 });
    expect(preview.statusLine).toBe("HTTP/1.1 503 Service Unavailable");
    expect(preview.dropped).toEqual(["Content-Length", "connection"]);
    expect(preview.headers.filter((h) => h.name.toLowerCase() === "content-length")).toEqual([{ name: "Content-Length", value: "0", added: true }]);
  });

  it("names an unlisted status as Node does", () => {
    expect(previewAnswer({ status: 299, headers: [], body: "", delayMs: 0 }).statusLine).toBe("HTTP/1.1 299 unknown");
  });
});
