import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SERVER_NODE_FLAGS } from "../../scripts/node-flags.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");

// A test file whose setup fails half-way never calls stop(): its servers must not outlive it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export type TestServer = {
  url: string;
  port: number;
  pid: number;
  dbFile: string;
  logs: () => string;
  /** Settles with the exit code once the process has exited (by itself or stopped). */
  exited: Promise<number | null>;
  /** Sends the process a signal without waiting for it. */
  signal: (name: NodeJS.Signals) => void;
  /** Stops the server; its temp data is removed unless `keepData` (to restart on it). */
  stop: (keepData?: boolean) => Promise<void>;
};

/**
 * Starts the real server as it ships (dist/server.js compiled by `npm run build`, production build
 * of Next) as a child process on an
 * ephemeral 127.0.0.1 port, with a fresh SQLite file. Pass a stopped server's `dbFile` to restart on
 * its data; the new server then owns that data.
 */
export async function startServer(env: Record<string, string> = {}, dbFile?: string): Promise<TestServer> {
  const dir = dbFile ? path.dirname(dbFile) : mkdtempSync(path.join(tmpdir(), "hookjar-test-"));
  const file = dbFile ?? path.join(dir, "hookjar.db");
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "dist/server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${file}`,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 45_000);
    child.stdout!.on("data", () => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    dbFile: file,
    logs: () => output,
    exited,
    signal: (name) => void child.kill(name),
    stop: (keepData = false) => stopChild(child, keepData ? null : dir),
  };
}

function stopChild(child: ChildProcess, dir: string | null): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null) return done();
    child.once("exit", done);
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

export async function createBin(server: TestServer, body: unknown = {}) {
  const res = await fetch(`${server.url}/api/bins`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create bin: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedBin;
}

export type CreatedBin = { id: string; captureUrl: string; inspectUrl: string; manageKey: string; viewToken?: string };

/** The header that lets a request change the bin: its manage key as a bearer. */
export const manage = (bin: { manageKey: string }) => ({ authorization: `Bearer ${bin.manageKey}` });
