import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { runCli, type Cli } from "./helpers/cli.ts";
import { createBin, type TestServer } from "./helpers/server.ts";
import { rawRequest } from "./helpers/http.ts";
import { startEcho, startProxy, startWithEcho, until, withoutTransport, type Echo } from "./helpers/target.ts";

let server: TestServer;
let echo: Echo;
const running: Cli[] = [];
let stop: () => Promise<void>;
beforeAll(async () => ({ server, echo, stop } = await startWithEcho()));
afterAll(async () => {
  for (const cli of running) cli.child.kill("SIGTERM");
  await Promise.all([stop?.(), ...running.map((c) => c.exited)]);
});

function relay(captureUrl: string, to: string): Cli {
  const cli = runCli(["relay", captureUrl, "--to", to]);
  running.push(cli);
  return cli;
}

describe("hookjar relay", () => {
  it("replays each new capture to the local target and prints one line per delivery", async () => {
    const bin = await createBin(server);
    const cli = relay(bin.captureUrl, `${echo.url}/local`);
    await until(() => cli.output().includes("Relaying"), 20_000, `the relay to subscribe:\n${cli.output()}`);

    const body = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
    const headers: [string, string][] = [["X-GitHub-Event", "push"], ["content-type", "application/octet-stream"], ["X-Dup", "1"], ["X-Dup", "2"]];
    await rawRequest(server.url, { method: "PATCH", path: `/b/${bin.id}/gh/push?x=1&y=%2F`, headers: [...headers, ["Content-Length", "256"]], body });

    const got = await until(() => echo.received.find((r) => r.url.startsWith("/local/gh/push")), 10_000, "the relayed request");
    expect(got.method).toBe("PATCH");
    expect(got.url).toBe("/local/gh/push?x=1&y=%2F");
    expect(withoutTransport(got.headers)).toEqual(headers);
    expect(got.body.equals(body)).toBe(true);
    await until(() => /PATCH \/gh\/push\?x=1&y=%2F → 201 Created Here \(\d+ ms\)/.test(cli.output()), 5000, `the delivery line:\n${cli.output()}`);
  });

  it("prints a failed delivery and keeps relaying", async () => {
    const bin = await createBin(server);
    const down = await startEcho();
    const downUrl = down.url;
    await down.close();
    const cli = relay(bin.captureUrl, downUrl);
    await until(() => cli.output().includes("Relaying"), 20_000, "the relay to subscribe");
    await rawRequest(`${bin.captureUrl}/first`, { method: "POST", headers: [["Content-Length", "1"]], body: "1" });
    await until(() => /POST \/first → failed: .*refused/.test(cli.output()), 10_000, `the failure line:\n${cli.output()}`);
    await rawRequest(`${bin.captureUrl}/second`, { method: "GET" });
    await until(() => /GET \/second → failed/.test(cli.output()), 10_000, "the second line");
    expect(cli.child.exitCode).toBeNull();
  });

  it("resubscribes after losing its connection and catches up on what it missed", async () => {
    const proxy = await startProxy(server.port);
    onTestFinished(() => proxy.cut());
    const bin = await createBin(server);
    const cli = relay(`${proxy.url}/b/${bin.id}`, `${echo.url}/again`);
    await until(() => cli.output().includes("Relaying"), 20_000, "the relay to subscribe");
    await rawRequest(`${bin.captureUrl}/before`, { method: "POST", headers: [["Content-Length", "1"]], body: "1" });
    await until(() => echo.received.some((r) => r.url === "/again/before"), 10_000, "the first delivery");

    await proxy.cut();
    await until(() => cli.output().includes("disconnected"), 10_000, "the disconnect line");
    // Sent straight to the server while the relay cannot hear about it.
    await rawRequest(`${bin.captureUrl}/missed`, { method: "POST", headers: [["Content-Length", "6"]], body: "missed" });
    expect(echo.received.some((r) => r.url === "/again/missed")).toBe(false);

    await proxy.restore();
    await until(() => cli.output().includes("reconnected"), 20_000, `the reconnect:\n${cli.output()}`);
    const missed = await until(() => echo.received.find((r) => r.url === "/again/missed"), 10_000, "the missed capture");
    expect(missed.body.toString()).toBe("missed");
    await rawRequest(`${bin.captureUrl}/after`, { method: "POST", headers: [["Content-Length", "1"]], body: "1" });
    await until(() => echo.received.some((r) => r.url === "/again/after"), 10_000, "a live delivery after the reconnect");
    expect(echo.received.filter((r) => r.url.startsWith("/again/")).map((r) => r.url)).toEqual(["/again/before", "/again/missed", "/again/after"]);
  });

  it("follows a private bin with its view token, and says so without it", async () => {
    const bin = await createBin(server, { private: true });
    const denied = runCli(["relay", bin.captureUrl, "--to", echo.url]);
    expect(await denied.exited).toBe(1);
    expect(denied.output()).toMatch(/is private: pass its view token with --token/);

    const cli = runCli(["relay", bin.captureUrl, "--to", `${echo.url}/priv`, "--token", bin.viewToken!]);
    running.push(cli);
    await until(() => cli.output().includes("Relaying"), 20_000, `the relay to subscribe:\n${cli.output()}`);
    await rawRequest(`${bin.captureUrl}/p`, { method: "POST", headers: [["Content-Length", "2"]], body: "hi" });
    const got = await until(() => echo.received.find((r) => r.url === "/priv/p"), 10_000, "the private delivery");
    expect(got.body.toString()).toBe("hi");
  });

  it("explains bad usage and an unknown bin", async () => {
    const help = runCli(["--help"]);
    expect(await help.exited).toBe(0);
    expect(help.output()).toMatch(/Usage: hookjar relay <captureUrl> --to <url>/);

    const missing = runCli(["relay", `${server.url}/b/x`]);
    expect(await missing.exited).toBe(2);
    expect(missing.output()).toMatch(/--to <url> is required/);

    const unknown = runCli(["relay", `${server.url}/b/doesnotexist`, "--to", echo.url]);
    expect(await unknown.exited).toBe(1);
    expect(unknown.output()).toMatch(/There is no bin doesnotexist/);
  });
});
