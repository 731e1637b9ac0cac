import { describe, expect, it } from "vitest";
import { contentCodings, hasHeader, headerPairs, withoutHopByHop } from "./headers.ts";

describe("headerPairs", () => {
  it("pairs Node's flat rawHeaders in order", () => {
    expect(headerPairs(["A", "1", "b", "2", "A", "3"])).toEqual([["A", "1"], ["b", "2"], ["A", "3"]]);
  });
});

describe("hasHeader", () => {
  it("matches names case-insensitively", () => {
    expect(hasHeader([["Content-LENGTH", "1"]], "content-length")).toBe(true);
    expect(hasHeader([["X-Content-Length", "1"]], "content-length")).toBe(false);
  });
});

describe("withoutHopByHop", () => {
  it("drops connection-level headers and keeps the rest in order with their case", () => {
    const headers: [string, string][] = [
      ["Host", "hooks.example.com"],
      ["X-First", "1"],
      ["connection", "keep-alive, X-Secret-Hop"],
      ["Keep-Alive", "timeout=5"],
      ["Transfer-Encoding", "chunked"],
      ["TE", "trailers"],
      ["Upgrade", "h2c"],
      ["Trailer", "X-Sum"],
      ["Proxy-Authorization", "Basic abc"],
      ["proxy-connection", "keep-alive"],
      ["x-secret-hop", "dropped because Connection names it"],
      ["Content-Type", "application/json"],
      ["X-First", "2"],
    ];
    expect(withoutHopByHop(headers)).toEqual([["X-First", "1"], ["Content-Type", "application/json"], ["X-First", "2"]]);
  });
});

describe("contentCodings", () => {
  it("lists the codings in the order applied, across repeated headers, without identity", () => {
    expect(contentCodings([["Content-Encoding", "gzip"]])).toEqual(["gzip"]);
    expect(contentCodings([["content-encoding", " GZIP , br"], ["X-Other", "deflate"], ["Content-Encoding", "identity, deflate"]])).toEqual(["gzip", "br", "deflate"]);
  });

  it("is null without a coding", () => {
    expect(contentCodings([["Content-Type", "application/json"]])).toBeNull();
    expect(contentCodings([["Content-Encoding", "identity"]])).toBeNull();
  });
});
