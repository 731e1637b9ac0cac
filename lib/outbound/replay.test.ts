import { describe, expect, it } from "vitest";
import { replayRequest, replayUrl } from "./replay.ts";

describe("replayUrl", () => {
  it("appends the sub-path and query to the base as they were on the wire", () => {
    expect(replayUrl("http://localhost:8080/hooks", "/github/push", "x=1")).toBe("http://localhost:8080/hooks/github/push?x=1");
    expect(replayUrl("http://localhost:8080/hooks/", "/a/%2F/b", "q=%20&q=+")).toBe("http://localhost:8080/hooks/a/%2F/b?q=%20&q=+");
    expect(replayUrl("http://localhost:8080", "/x", "")).toBe("http://localhost:8080/x");
  });

  it("keeps the base as it is when the capture has no sub-path", () => {
    expect(replayUrl("http://localhost:8080/hooks", "/", "")).toBe("http://localhost:8080/hooks");
    expect(replayUrl("http://localhost:8080/hooks/", "/", "a=1")).toBe("http://localhost:8080/hooks/?a=1");
    expect(replayUrl("http://[::1]:9000", "/", "")).toBe("http://[::1]:9000/");
  });

  it("keeps the base's own query ahead of the capture's", () => {
    expect(replayUrl("https://example.com/in?key=k", "/p", "a=1")).toBe("https://example.com/in/p?key=k&a=1");
    expect(replayUrl("https://example.com/in?key=k", "/", "")).toBe("https://example.com/in?key=k");
  });
});

describe("replayRequest", () => {
  it("sends the same method, headers less hop-by-hop ones, and the same bytes", () => {
    const body = Uint8Array.from([0, 255, 13, 10]);
    const request = replayRequest(
      { method: "PURGE", path: "/p", query: "", headers: [["Host", "a"], ["X-A", "1"], ["Connection", "close"]], body },
      "http://localhost:1/base",
      { timeoutMs: 1234, allowPrivate: false },
    );
    expect(request).toEqual({
      method: "PURGE",
      url: "http://localhost:1/base/p",
      headers: [["X-A", "1"]],
      body,
      timeoutMs: 1234,
      allowPrivate: false,
    });
  });
});
