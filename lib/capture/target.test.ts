import { describe, expect, it } from "vitest";
import { parseCaptureTarget } from "./target.ts";

describe("parseCaptureTarget", () => {
  it("splits bin id, sub-path and raw query without decoding anything", () => {
    expect(parseCaptureTarget("/b/abc")).toEqual({ binId: "abc", path: "/", query: "" });
    expect(parseCaptureTarget("/b/abc/")).toEqual({ binId: "abc", path: "/", query: "" });
    expect(parseCaptureTarget("/b/abc?")).toEqual({ binId: "abc", path: "/", query: "" });
    expect(parseCaptureTarget("/b/abc/x/%2F/y?a=%2F&a=+&e=")).toEqual({ binId: "abc", path: "/x/%2F/y", query: "a=%2F&a=+&e=" });
    expect(parseCaptureTarget("/b/abc/p?q?r")).toEqual({ binId: "abc", path: "/p", query: "q?r" });
  });
});
