import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const PACKAGE = path.resolve(import.meta.dirname, "../../packages/cli");

export type Cli = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

let installed: { dir: string; bin: string } | null = null;

// The outer `npm test` exports its own npm_* settings (prefix, lifecycle…); the nested npm must act
// as a user's would, in its own folder.
export function userEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_registry", "npm_config_userconfig"]);
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_") || keep.has(k.toLowerCase()))) as NodeJS.ProcessEnv;
}

/**
 * Installs the relay as a user would get it: `npm pack` of packages/cli (which bundles it), then
 * `npm install <tarball>` in an empty folder. Once per test file; answers that folder.
 */
export async function installRelay(): Promise<string> {
  if (installed) return installed.dir;
  const run = promisify(execFile);
  const dir = mkdtempSync(path.join(tmpdir(), "hookjar-relay-"));
  const project = path.join(dir, "project");
  mkdirSync(project);
  const env = userEnv();
  await run("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: PACKAGE, env });
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack made no tarball");
  // Its two dependencies are in npm's cache from the app's own install; the registry otherwise.
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(dir, tarball)], { cwd: project, env });
  installed = { dir: project, bin: path.join(project, "node_modules/hookjar/dist/hookjar.js") };
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return project;
}

// The relay keeps its position under XDG_STATE_HOME: a folder of the test run's own.
const stateHome = mkdtempSync(path.join(tmpdir(), "hookjar-relay-state-"));
process.once("exit", () => rmSync(stateHome, { recursive: true, force: true }));

/** Runs the installed `hookjar` CLI (see installRelay) as a child process, collecting what it prints. */
export function runCli(args: string[]): Cli {
  if (!installed) throw new Error("installRelay() first");
  const child = spawn(process.execPath, [installed.bin, ...args], {
    cwd: installed.dir,
    env: { ...userEnv(), XDG_STATE_HOME: stateHome },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}
