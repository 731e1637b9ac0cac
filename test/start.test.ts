import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../scripts/node-flags.mjs";
import { freePort } from "./helpers/postgres.ts";
import { rawRequest } from "./helpers/http.ts";
import { until } from "./helpers/target.ts";

// `npm start` as a self-hoster runs it, on the build `npm test` has just made.

const ROOT = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "hookjar-start-"));
const running: (() => void)[] = [];
afterAll(() => {
  for (const kill of running) kill();
  rmSync(dir, { recursive: true, force: true });
});

function npmStart(port: number) {
  // Its own process group, so stopping it stops npm's child too.
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${path.join(dir, "hookjar.db")}`, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const kill = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  running.push(kill);
  // npm's process alone, as a process manager that knows only npm's pid stops it.
  const stopNpm = () => process.kill(child.pid!, "SIGTERM");
  return { output: () => output, exited, kill, stopNpm };
}

// What each build writes last: unchanged times mean nothing was built.
const builds = () => [".next/BUILD_ID", "dist/server.js"].map((f) => statSync(path.join(ROOT, f)).mtimeMs);

describe("npm start", () => {
  it("the Docker image starts the server with the same Node flags", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(ROOT, "Dockerfile"), "utf8"))![1];
    expect(JSON.parse(cmd)).toEqual(["node", ...SERVER_NODE_FLAGS, "dist/server.js"]);
  });

  it("serves a current build without building; a second start on the busy port fails with one line and leaves the first serving", async () => {
    const before = builds();
    const port = await freePort();
    const first = npmStart(port);
    await until(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(first.output()), 45_000, `the server to listen:\n${first.output()}`);
    expect(first.output()).not.toMatch(/Building|next build/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // The process serving runs with the server's Node flags (the log line names its pid).
    const pid = /"pid":(\d+)[^\n]*listening on/.exec(first.output())![1];
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(argv.slice(1, 1 + SERVER_NODE_FLAGS.length)).toEqual(SERVER_NODE_FLAGS);

    const second = npmStart(port);
    expect(await second.exited).toBe(1);
    // npm adds its own "> script" and "npm error" lines; Hookjar's own say it once.
    const own = second.output().split("\n").filter((l) => l.trim() && !/^(> |npm (error|ERR))/.test(l.trim()));
    expect(own).toEqual([`Hookjar cannot start: port ${port} on 127.0.0.1 is already in use (another Hookjar, or another program). Stop it or set PORT.`]);

    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(builds()).toEqual(before);
    // npm itself dies of the signal; the server under it stops gracefully.
    first.kill();
    await first.exited;
    await until(() => first.output().includes('"msg":"stopped"'), 10_000, `the graceful stop:\n${first.output()}`);
  }, 90_000);

  it("stops the server gracefully when only npm is sent SIGTERM (systemd, a supervisor), freeing the port and keeping every capture it acknowledged", async () => {
    const port = await freePort();
    const started = npmStart(port);
    await until(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(started.output()), 45_000, `the server to listen:\n${started.output()}`);
    const origin = `http://127.0.0.1:${port}`;
    const bin = (await (await fetch(`${origin}/api/bins`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json()) as { id: string };
    // Senders keep posting while npm is stopped, until the server no longer answers.
    const acknowledged: string[] = [];
    const senders = Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; ; i++) {
        const answer = await rawRequest(`${origin}/b/${bin.id}/load`, { method: "POST", body: `sender ${c} capture ${i}` }).catch(() => null);
        if (!answer) return;
        if (answer.status === 200) acknowledged.push(JSON.parse(answer.body.toString()).id);
      }
    });
    await until(() => acknowledged.length >= 50, 30_000, "captures to be acknowledged");
    started.stopNpm();
    await until(() => started.output().includes('"msg":"stopped"'), 10_000, `the graceful stop:\n${started.output()}`);
    // The port is free again: nothing kept serving under a stopped npm.
    await until(async () => (await fetch(`${origin}/healthz`).then(() => false, () => true)), 10_000, "the port to be released");
    await Promise.all(senders);
    const file = new Database(path.join(dir, "hookjar.db"), { readonly: true });
    try {
      const stored = new Set((file.prepare(`SELECT "id" FROM "Capture" WHERE "binId" = ?`).all(bin.id) as { id: string }[]).map((r) => r.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      file.close();
    }
  }, 90_000);
});
