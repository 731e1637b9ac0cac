import { describe, expect, it } from "vitest";
import { bodyToSend, draftFromAttempt, draftFromCapture, formatJson, pairsFromRows, rowsFromPairs, switchBodyMode, targetBase } from "./draft.ts";

describe("resend draft", () => {
  it("prefills every header in order, with framing headers switched off", () => {
    const rows = rowsFromPairs([["Host", "a"], ["X-Sig", "1"], ["Content-Length", "5"], ["x-sig", "2"], ["Transfer-Encoding", "chunked"]]);
    expect(rows.map((r) => [r.name, r.enabled])).toEqual([["Host", false], ["X-Sig", true], ["Content-Length", false], ["x-sig", true], ["Transfer-Encoding", false]]);
    expect(pairsFromRows(rows)).toEqual([["X-Sig", "1"], ["x-sig", "2"]]);
  });

  it("drops disabled and nameless rows, keeps case and duplicates", () => {
    expect(pairsFromRows([
      { enabled: true, name: " X-A ", value: " v " },
      { enabled: false, name: "X-B", value: "off" },
      { enabled: true, name: "", value: "orphan" },
      { enabled: true, name: "X-A", value: "again" },
    ])).toEqual([["X-A", " v "], ["X-A", "again"]]);
  });

  it("switches text ⇄ base64 without changing the bytes, and refuses what cannot be text", () => {
    const text = { mode: "text" as const, data: "héllo ✓" };
    const b64 = switchBodyMode(text, "base64");
    expect(b64).toEqual({ ok: true, body: { mode: "base64", data: Buffer.from("héllo ✓").toString("base64") } });
    expect(b64.ok && switchBodyMode(b64.body, "text")).toEqual({ ok: true, body: text });
    const binary = { mode: "base64" as const, data: Buffer.from([0xff, 0xfe, 0x00]).toString("base64") };
    expect(switchBodyMode(binary, "text")).toMatchObject({ ok: false, error: expect.stringMatching(/UTF-8/) });
    expect(switchBodyMode({ mode: "base64", data: "@@@" }, "text")).toMatchObject({ ok: false });
  });

  it("sends no body when empty, and strips whitespace from base64 only", () => {
    expect(bodyToSend({ mode: "text", data: "" })).toBeUndefined();
    expect(bodyToSend({ mode: "text", data: " a \n" })).toEqual({ encoding: "utf8", data: " a \n" });
    expect(bodyToSend({ mode: "base64", data: "AAEC\n/w==" })).toEqual({ encoding: "base64", data: "AAEC/w==" });
  });

  it("formats JSON or says why it cannot", () => {
    expect(formatJson('{"a":[1,2]}')).toEqual({ ok: true, text: '{\n  "a": [\n    1,\n    2\n  ]\n}' });
    expect(formatJson("{nope")).toMatchObject({ ok: false, error: expect.stringMatching(/^Not valid JSON/) });
  });

  it("drafts a capture to its remembered target, or to none (a guessed localhost target just fails)", () => {
    const capture = {
      id: "C", seq: 1, responseStatus: 200, fault: null, scheme: null, response: null, binId: "B", method: "POST", path: "/hook", query: "x=1", contentType: "application/json", bodySize: 2,
      remoteAddress: "127.0.0.1", receivedAt: "2026-11-25T00:00:00.000Z", deliveryId: null, duplicateOf: null, bodySha256: "", forward: null, httpVersion: "1.1",
      headers: [["Host", "h"], ["X-Sig", "s"]] as [string, string][], body: { encoding: "utf8" as const, data: "{}" }, attempts: [], forwardRetry: null,
    };
    expect(draftFromCapture(capture, null)).toEqual({
      method: "POST",
      url: "",
      headers: [{ enabled: false, name: "Host", value: "h" }, { enabled: true, name: "X-Sig", value: "s" }],
      body: { mode: "text", data: "{}" },
    });
    expect(draftFromCapture(capture, "https://example.test/in").url).toBe("https://example.test/in");
  });

  it("remembers a target's origin and base path, not the sub-path or query of the capture it was sent for", () => {
    expect(targetBase("https://h.test/hooks/orders?src=shop", "/orders")).toBe("https://h.test/hooks");
    expect(targetBase("http://127.0.0.1:4000/orders", "/orders")).toBe("http://127.0.0.1:4000");
    expect(targetBase("https://h.test/api/in", "/github/push")).toBe("https://h.test/api/in");
    expect(targetBase("https://h.test/webhooks/", "/")).toBe("https://h.test/webhooks");
    expect(targetBase("not a url", "/x")).toBe("not a url");
    expect(targetBase("ftp://h.test/x", "/x")).toBe("ftp://h.test/x");
  });

  it("drafts an attempt from what it sent", () => {
    const attempt = {
      id: "A", kind: "resend" as const, replayId: null, method: "PUT", url: "http://localhost:9/x", status: 500, error: null, durationMs: 3,
      createdAt: "2026-11-25T00:00:00.000Z", try: null, request: { headers: [["X-A", "1"]] as [string, string][], body: { encoding: "base64" as const, data: "AAE=" }, sha256: "47dc540c94ceb704a23875c11273e16bb0b8a87aed84de911f2133568115f254" },
    };
    expect(draftFromAttempt(attempt)).toEqual({
      method: "PUT", url: "http://localhost:9/x", headers: [{ enabled: true, name: "X-A", value: "1" }], body: { mode: "base64", data: "AAE=" },
    });
  });
});
