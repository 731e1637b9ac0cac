import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const CLI = path.resolve(import.meta.dirname, "../../packages/cli/bin/hookjar.js");

export type Cli = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Runs the `hookjar` CLI as a child process, collecting what it prints. */
export function runCli(args: string[]): Cli {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}
