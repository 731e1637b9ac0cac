import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { installRelay, runCli, type Cli } from "./helpers/cli.ts";
import { getJson, rawRequest } from "./helpers/http.ts";
import { createBin, type TestServer } from "./helpers/server.ts";
import { startEcho, startWithEcho, until, type Echo } from "./helpers/target.ts";

// `hookjar tail` and `hookjar replay`, and the relay's byte check, run from the package installed
// out of its `npm pack` tarball, against a real server.

let server: TestServer;
let echo: Echo;
let stop: () => Promise<void>;
const running: Cli[] = [];
beforeAll(async () => {
  [{ server, echo, stop }] = await Promise.all([startWithEcho(), installRelay()]);
});
afterAll(async () => {
  for (const cli of running) if (cli.child.exitCode === null) cli.child.kill("SIGTERM");
  await Promise.all([stop?.(), ...running.map((c) => c.exited)]);
});

function cli(...args: string[]): Cli {
  const run = runCli(args);
  running.push(run);
  return run;
}

const sha = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

async function capture(url: string, body: Buffer | string, method = "POST") {
  const res = await rawRequest(url, { method, headers: [["Content-Length", String(Buffer.byteLength(body))]], body });
  return JSON.parse(res.body.toString()).id as string;
}

describe("hookjar tail", () => {
  it("--json prints each new capture's summary as one JSON line", async () => {
    const bin = await createBin(server);
    const tail = cli("tail", bin.inspectUrl, "--json");
    await until(() => tail.output().includes("Tailing"), 20_000, `tail to subscribe:\n${tail.output()}`);
    const body = randomBytes(300);
    const first = await capture(`${bin.captureUrl}/gh/push?x=1&y=%2F`, body);
    const second = await capture(`${bin.captureUrl}/two`, "{}", "PUT");
    const jsonLines = () => tail.output().split("\n").filter((l) => l.startsWith("{"));
    await until(() => jsonLines().length === 2, 10_000, `two JSON lines:\n${tail.output()}`);
    const printed = jsonLines().map((l) => JSON.parse(l));
    const { body: page } = await getJson(`${server.url}/api/bins/${bin.id}/requests`);
    expect(printed.map((p) => p.id)).toEqual([first, second]);
    // Each line is the summary as the API gives it (the live one has no forward yet).
    expect(printed[0]).toEqual({ ...page.items.find((c: { id: string }) => c.id === first), forward: null });
    expect(printed[0]).toMatchObject({ method: "POST", path: "/gh/push", query: "x=1&y=%2F", bodySize: 300, bodySha256: sha(body) });
    tail.child.kill("SIGINT");
    expect(await tail.exited).toBe(0);
  });

  it("prints time, method, path and query, size and the sha256's first 12 hex digits", async () => {
    const bin = await createBin(server);
    const tail = cli("tail", bin.captureUrl);
    await until(() => tail.output().includes("Tailing"), 20_000, "tail to subscribe");
    await capture(`${bin.captureUrl}/orders?id=7`, "hello");
    const line = await until(() => tail.output().split("\n").find((l) => l.includes("/orders")), 10_000, `the line:\n${tail.output()}`);
    expect(line).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} POST +/orders\\?id=7 +5 B +${sha("hello").slice(0, 12)}$`));
  });

  it("says so when a private bin's token is missing", async () => {
    const bin = await createBin(server, { private: true });
    const tail = cli("tail", bin.captureUrl);
    expect(await tail.exited).toBe(1);
    expect(tail.output()).toMatch(/private: pass --token/);
  });
});

describe("hookjar replay", () => {
  it("replays the bin, prints progress, and exits 0 when every send got a 2xx", async () => {
    const bin = await createBin(server);
    const ids = [await capture(`${bin.captureUrl}/a`, "1"), await capture(`${bin.captureUrl}/b`, "22")];
    const run = cli("replay", bin.inspectUrl, "--to", `${echo.url}/cli-ok`, "--key", bin.manageKey, "--timing", "none");
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toMatch(/Replaying 2 captures/);
    expect(run.output()).toMatch(/2\/2 sent · 2 ok · 0 failed/);
    expect(run.output()).toMatch(/Done: 2\/2 sent, 2 ok, 0 failed/);
    expect(echo.received.filter((r) => r.url.startsWith("/cli-ok")).map((r) => [r.url, r.body.toString()])).toEqual([["/cli-ok/a", "1"], ["/cli-ok/b", "22"]]);
    for (const id of ids) expect(run.output()).toContain(id);
  });

  it("exits 1 when a send did not get a 2xx, and replays only the ids given", async () => {
    const failing = await startEcho((req, res) => {
      res.writeHead(req.url.endsWith("/bad") ? 500 : 200);
      res.end();
    });
    onTestFinished(() => failing.close());
    const bin = await createBin(server);
    const good = await capture(`${bin.captureUrl}/good`, "g");
    const bad = await capture(`${bin.captureUrl}/bad`, "b");
    await capture(`${bin.captureUrl}/left-out`, "x");
    const run = cli("replay", bin.inspectUrl, "--to", failing.url, "--key", bin.manageKey, "--speed", "50", good, bad);
    expect(await run.exited, run.output()).toBe(1);
    expect(run.output()).toMatch(/Done: 2\/2 sent, 1 ok, 1 failed/);
    expect(failing.received.map((r) => r.url)).toEqual(["/good", "/bad"]);
  });

  it("exits 1 without the manage key's permission", async () => {
    const bin = await createBin(server);
    await capture(`${bin.captureUrl}/a`, "1");
    const run = cli("replay", bin.inspectUrl, "--to", echo.url, "--key", "not-the-key");
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/refused \(403\)/);
  });
});

describe("hookjar relay", () => {
  it("checks each delivered body against the capture's bodySha256", async () => {
    const bin = await createBin(server);
    const relay = cli("relay", bin.captureUrl, "--to", `${echo.url}/relayed`);
    await until(() => relay.output().includes("Relaying"), 20_000, "the relay to subscribe");
    const body = Buffer.from([0xff, 0x00, 0xc3, 0x28, ...Buffer.from("not utf-8")]);
    await capture(`${bin.captureUrl}/bin`, body);
    const line = await until(() => relay.output().split("\n").find((l) => l.includes("/bin →")), 10_000, `the delivery line:\n${relay.output()}`);
    expect(line).toContain(`sha256 ${sha(body).slice(0, 12)} ✓`);
    expect(relay.output()).not.toMatch(/MISMATCH/);
  });
});
