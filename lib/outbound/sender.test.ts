import { describe, expect, it } from "vitest";
import { parseTargetUrl, wireHeaders } from "./sender.ts";

describe("parseTargetUrl", () => {
  it("accepts http and https URLs", () => {
    expect(parseTargetUrl("http://localhost:8080/x?y=1").host).toBe("localhost:8080");
    expect(parseTargetUrl("https://example.com").protocol).toBe("https:");
  });

  it("refuses other schemes, credentials and non-URLs with a 400 that says why", () => {
    expect(() => parseTargetUrl("ftp://example.com/f")).toThrow(/http and https.*not ftp/);
    expect(() => parseTargetUrl("file:///etc/passwd")).toThrow(/not file/);
    expect(() => parseTargetUrl("http://user:pw@example.com/")).toThrow(/user name or password/);
    expect(() => parseTargetUrl("not a url")).toThrow(/not a valid URL/);
    const thrown = (() => {
      try {
        parseTargetUrl("gopher://x");
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ code: "invalid_url" });
  });
});

describe("wireHeaders", () => {
  const url = new URL("http://example.com:8080/p");
  const body = Buffer.from("hello");

  it("adds Host first and Content-Length last only when absent", () => {
    expect(wireHeaders(url, "POST", [["X-A", "1"]], body)).toEqual([["Host", "example.com:8080"], ["X-A", "1"], ["Content-Length", "5"]]);
    expect(wireHeaders(url, "POST", [["host", "other"], ["content-length", "5"]], body)).toEqual([["host", "other"], ["content-length", "5"]]);
  });

  it("leaves framing to a given Transfer-Encoding", () => {
    expect(wireHeaders(url, "POST", [["Transfer-Encoding", "chunked"]], body)).toEqual([["Host", "example.com:8080"], ["Transfer-Encoding", "chunked"]]);
  });

  it("frames an empty body only on methods that usually carry one", () => {
    const empty = Buffer.alloc(0);
    expect(wireHeaders(url, "GET", [], empty)).toEqual([["Host", "example.com:8080"]]);
    expect(wireHeaders(url, "HEAD", [], empty)).toEqual([["Host", "example.com:8080"]]);
    expect(wireHeaders(url, "POST", [], empty)).toEqual([["Host", "example.com:8080"], ["Content-Length", "0"]]);
    expect(wireHeaders(url, "GET", [], body)).toEqual([["Host", "example.com:8080"], ["Content-Length", "5"]]);
  });
});
