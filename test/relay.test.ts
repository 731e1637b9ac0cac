import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { installRelay, runCli, type Cli } from "./helpers/cli.ts";
import { createBin, type TestServer } from "./helpers/server.ts";
import { rawRequest } from "./helpers/http.ts";
import { startEcho, startProxy, startWithEcho, until, withoutTransport, type Echo } from "./helpers/target.ts";

let server: TestServer;
let echo: Echo;
const running: Cli[] = [];
let stop: () => Promise<void>;
let installedIn: string;
beforeAll(async () => {
  [{ server, echo, stop }, installedIn] = await Promise.all([startWithEcho(), installRelay()]);
});
afterAll(async () => {
  for (const cli of running) cli.child.kill("SIGTERM");
  await Promise.all([stop?.(), ...running.map((c) => c.exited)]);
});

function relay(captureUrl: string, to: string, ...more: string[]): Cli {
  const cli = runCli(["relay", captureUrl, "--to", to, ...more]);
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

  it("prints a failed delivery and tries the same capture again, holding later ones back", async () => {
    const bin = await createBin(server);
    const down = await startEcho();
    const downUrl = down.url;
    await down.close();
    const cli = relay(bin.captureUrl, downUrl);
    await until(() => cli.output().includes("Relaying"), 20_000, "the relay to subscribe");
    await rawRequest(`${bin.captureUrl}/first`, { method: "POST", headers: [["Content-Length", "1"]], body: "1" });
    await until(() => /POST \/first → failed: .*refused.*; trying again in 1 s/.test(cli.output()), 10_000, `the failure line:\n${cli.output()}`);
    await rawRequest(`${bin.captureUrl}/second`, { method: "GET" });
    await until(() => /POST \/first → failed: .*; trying again in 2 s/.test(cli.output()), 10_000, `the second try:\n${cli.output()}`);
    // The relay never skips ahead: the second capture waits until the first is taken.
    expect(cli.output()).not.toMatch(/GET \/second/);
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

  it("is installed from its tarball alone: no server, database, UI framework or native build", () => {
    const names = new Set<string>();
    const walk = (dir: string) => {
      if (!existsSync(dir)) return;
      for (const entry of readdirSync(dir)) {
        if (entry.startsWith(".")) continue;
        if (entry.startsWith("@")) {
          for (const scoped of readdirSync(path.join(dir, entry))) names.add(`${entry}/${scoped}`);
          continue;
        }
        names.add(entry);
        walk(path.join(dir, entry, "node_modules"));
      }
    };
    walk(path.join(installedIn, "node_modules"));
    expect(names).toContain("hookjar");
    expect(names).toContain("socket.io-client");
    const heavy = [...names].filter((n) => /^(next|prisma|@prisma\/.*|react|react-dom|better-sqlite3|pg|socket\.io|tsx|esbuild)$/.test(n));
    expect(heavy).toEqual([]);
  });

  it("delivers byte-exact and in order, and after a restart delivers what arrived meanwhile exactly once", async () => {
    const bin = await createBin(server);
    const state = path.join(installedIn, `position-${bin.id}.json`);
    const to = `${echo.url}/order`;
    const mine = () => echo.received.filter((r) => r.url.startsWith("/order/"));
    const send = async (i: number) => {
      // Every third body is binary: all byte values, NUL and CR included.
      const body = i % 3 === 0 ? Buffer.from(Array.from({ length: 256 }, (_, b) => (b + i) % 256)) : Buffer.from(`capture ${i}`);
      await rawRequest(`${bin.captureUrl}/n/${i}?i=${i}`, { method: "POST", headers: [["Content-Type", "application/octet-stream"], ["Content-Length", String(body.length)]], body });
      return body;
    };

    const first = relay(bin.captureUrl, to, "--state", state);
    await until(() => first.output().includes("Relaying"), 20_000, `the relay to subscribe:\n${first.output()}`);
    const bodies: Buffer[] = [];
    for (let i = 0; i < 20; i++) bodies.push(await send(i));
    await until(() => mine().length === 20 && /POST \/n\/19\?i=19 →/.test(first.output()), 20_000, `20 deliveries:\n${first.output()}`);
    first.child.kill("SIGKILL");
    await first.exited;

    for (let i = 20; i < 30; i++) bodies.push(await send(i));
    const second = relay(bin.captureUrl, to, "--state", state);
    await until(() => mine().length >= 30 && /POST \/n\/29\?i=29 →/.test(second.output()), 20_000, `the 10 missed:\n${second.output()}`);
    expect(second.output()).toMatch(/catching up: 10 captures/);
    // Two more live ones, then nothing else may have arrived: no capture twice. The relay delivers one
    // capture after another, so a second copy of any earlier one would have come before the last.
    bodies.push(await send(30));
    bodies.push(await send(31));
    await until(() => /POST \/n\/31\?i=31 →/.test(second.output()), 10_000, `the live deliveries after the catch-up:\n${second.output()}`);
    const got = mine();
    expect(got.map((r) => r.url)).toEqual(bodies.map((_, i) => `/order/n/${i}?i=${i}`));
    got.forEach((r, i) => expect(r.body.equals(bodies[i]), `body ${i}`).toBe(true));
  });

  it("stops cleanly on Ctrl-C without claiming to reconnect", async () => {
    const bin = await createBin(server);
    const cli = relay(bin.captureUrl, `${echo.url}/bye`);
    await until(() => cli.output().includes("Relaying"), 20_000, "the relay to subscribe");
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/Stopped\./);
    expect(cli.output()).not.toMatch(/reconnect|disconnected/);
  });
});
