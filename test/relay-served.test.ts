import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userEnv } from "./helpers/cli.ts";
import { rawRequest } from "./helpers/http.ts";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";
import { closedPort, until } from "./helpers/target.ts";

// The relay as a user gets it before any registry release: `npx <origin>/cli/hookjar.tgz`, from the
// server itself, in an empty folder with an empty npm cache (its dependencies come from the registry).

let server: TestServer;
const temp: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), name));
  temp.push(dir);
  return dir;
};
let relay: ReturnType<typeof spawn> | undefined;
beforeAll(async () => void (server = await startServer()));
afterAll(async () => {
  relay?.kill("SIGKILL");
  await server?.stop();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/** A local app that can go down and come back on its port, recording what it took, in order. */
function localApp(port: number) {
  const received: string[] = [];
  let server: Server | null = null;
  return {
    received,
    up: () =>
      new Promise<void>((resolve) => {
        server = createServer((req, res) => {
          req.resume();
          req.on("end", () => {
            received.push(req.url!);
            res.writeHead(200).end("ok");
          });
        });
        server.listen(port, "127.0.0.1", resolve);
      }),
    down: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
        server = null;
      }),
  };
}

describe("the relay served by the server", () => {
  it("serves the npm pack tarball of the CLI", async () => {
    const res = await fetch(`${server.url}/cli/hookjar.tgz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/gzip");
    const bytes = Buffer.from(await res.arrayBuffer());
    // gzip magic: a tarball, not a page.
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect((await fetch(`${server.url}/cli/hookjar.tgz`, { method: "POST" })).status).toBe(405);
  });

  it("runs from npx <origin>/cli/hookjar.tgz and delivers what arrived while its target was down, in order, exactly once", async () => {
    const bin = await createBin(server);
    const port = await closedPort();
    const app = localApp(port);
    await app.up();
    const folder = tempDir("hookjar-npx-");
    expect(readdirSync(folder)).toEqual([]);
    const cache = tempDir("hookjar-npx-cache-");
    relay = spawn("npx", ["--yes", `${server.url}/cli/hookjar.tgz`, "relay", bin.captureUrl, "--to", `http://127.0.0.1:${port}/webhooks`, "--state", path.join(folder, "state.json")], {
      cwd: folder,
      env: { ...userEnv(), npm_config_cache: cache, npm_config_update_notifier: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    relay.stdout!.on("data", (d) => (output += d));
    relay.stderr!.on("data", (d) => (output += d));
    const send = (name: string) => rawRequest(`${bin.captureUrl}/${name}`, { method: "POST", headers: [["Content-Length", String(name.length)]], body: name });

    // npx fetches the tarball and its dependencies first: minutes on a slow registry.
    await until(() => output.includes("Relaying"), 240_000, `the relay to start:\n${output}`);
    await send("before");
    await until(() => app.received.includes("/webhooks/before"), 20_000, `the first delivery:\n${output}`);

    await app.down();
    for (const name of ["one", "two", "three"]) await send(name);
    // Tried and failed at least twice while down, the same capture each time.
    await until(() => (output.match(/POST \/one → failed/g) ?? []).length >= 2, 30_000, `the relay to retry:\n${output}`);
    expect(output).not.toMatch(/POST \/two/);

    await app.up();
    await until(() => /POST \/three → 200/.test(output), 60_000, `the three held captures:\n${output}`);
    // One more, live: a second copy of any earlier capture would have arrived before it.
    await send("after");
    await until(() => app.received.includes("/webhooks/after"), 20_000, `the live delivery:\n${output}`);
    expect(app.received).toEqual(["/webhooks/before", "/webhooks/one", "/webhooks/two", "/webhooks/three", "/webhooks/after"]);
    await app.down();
  }, 400_000);
});
