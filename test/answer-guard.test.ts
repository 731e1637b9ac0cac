import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "./helpers/http.ts";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { startEcho, type Echo } from "./helpers/target.ts";

// Capture answers come from the app's own origin, where browsers keep bins' manage keys. Anyone may
// make a bin answer HTML, so no answer may run as a page of this origin: every answer carries a
// sandboxing CSP and nosniff, and neither a bin nor a pass-through target can take them off.

const SCRIPT = "<script>fetch('/steal?k=' + JSON.stringify(localStorage))</script>";
let server: TestServer;
let target: Echo;
beforeAll(async () => {
  [server, target] = await Promise.all([
    startServer(),
    startEcho((_req, res) => {
      res.writeHead(200, [["Content-Type", "text/html"], ["Content-Security-Policy", "default-src *"], ["Access-Control-Allow-Origin", "https://target.example"]]);
      res.end(SCRIPT);
    }),
  ]);
});
afterAll(async () => void (await Promise.all([server?.stop(), target?.close()])));

const put = (bin: Awaited<ReturnType<typeof createBin>>, what: string, body: unknown) =>
  fetch(`${server.url}/api/bins/${bin.id}/${what}`, { method: "PUT", headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify(body) });

function expectSandboxed(headers: Record<string, string | string[] | undefined>) {
  expect(headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
}

describe("capture answers never run as this origin's page", () => {
  it("sandboxes the default answer, and a custom HTML response whose own CSP would allow scripts", async () => {
    const bin = await createBin(server);
    expectSandboxed((await rawRequest(bin.captureUrl, { method: "POST", body: "{}" })).headers);
    const saved = await put(bin, "response", { status: 200, headers: [["Content-Type", "text/html"], ["Content-Security-Policy", "default-src *"]], body: SCRIPT, delayMs: 0 });
    expect(saved.status).toBe(204);
    const answer = await rawRequest(bin.captureUrl, { method: "GET" });
    expect(answer.body.toString()).toBe(SCRIPT);
    expectSandboxed(answer.headers);
  });

  it("sandboxes a pass-through target's HTML, with one Access-Control-Allow-Origin: the target's", async () => {
    const bin = await createBin(server);
    expect((await put(bin, "forward", { url: target.url, enabled: true, mode: "pass-through" })).status).toBe(204);
    const answer = await rawRequest(bin.captureUrl, { method: "GET", headers: [["Origin", "https://sender.example"]] });
    expect(answer.body.toString()).toBe(SCRIPT);
    expectSandboxed(answer.headers);
    expect(answer.headers["access-control-allow-origin"]).toBe("https://target.example");
  });
});
