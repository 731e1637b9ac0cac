import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { load, median, type LoadResult } from "./load.ts";

// `npm run bench:versus`: this build's capture path against another checkout's build (an earlier
// commit, another Node), with bare node:http, in one run: rounds rotated so that neither side gets
// the quieter moments, medians reported as ratios to bare. The other checkout must be built
// (`npm run build` there); BENCH_AGAINST names it, BENCH_AGAINST_NODE the node binary it runs on.

const ROOT = path.resolve(import.meta.dirname, "..");
const against = process.env.BENCH_AGAINST;
if (!against) {
  console.error("usage: BENCH_AGAINST=<built checkout> [BENCH_AGAINST_NODE=<node binary>] npm run bench:versus");
  process.exit(1);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const body = Buffer.from(JSON.stringify({ event: "push", payload: "x".repeat(1000) }));

type Target = { name: string; url: string; stop: () => Promise<void> };

/** Starts `node <args>` in `cwd` on an ephemeral loopback port, with its own SQLite file. */
async function start(name: string, node: string, cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "hookjar-versus-"));
  const child = spawn(node, args, {
    cwd,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${path.join(dir, "db")}`, LOG_LEVEL: "warn", MAX_CAPTURES_PER_BIN: "10000000", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const base = await new Promise<string>((resolve, reject) => {
    const seen = (d: Buffer) => {
      output += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout!.on("data", seen);
    child.stderr!.on("data", seen);
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
  return { child, base, dir };
}

async function hookjar(name: string, node: string, cwd: string): Promise<Target> {
  // LOG_LEVEL=warn hides the "listening" line the starter waits for: info for the start only.
  const { child, base, dir } = await start(name, node, cwd, [...(await nodeFlags(cwd)), "dist/server.js"], { LOG_LEVEL: "info" });
  const res = await fetch(`${base}/api/bins`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const { id } = (await res.json()) as { id: string };
  return { name, url: `${base}/b/${id}`, stop: () => stopped(child).then(() => rmSync(dir, { recursive: true, force: true })) };
}

/** The Node flags a checkout starts its server with: none for one from before scripts/node-flags.mjs. */
async function nodeFlags(cwd: string): Promise<string[]> {
  const file = path.join(cwd, "scripts/node-flags.mjs");
  return existsSync(file) ? ((await import(file)) as { SERVER_NODE_FLAGS: string[] }).SERVER_NODE_FLAGS : [];
}

async function bare(): Promise<Target> {
  const { child, base } = await start("bare", process.execPath, ROOT, ["bench/bare-server.mjs"]);
  return { name: "bare node:http", url: `${base}/b/x`, stop: () => stopped(child) };
}

function stopped(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  return exited;
}

// Each measurement starts its system afresh and stops it after, so nothing one system does after its
// load (a checkpoint, an index catching up) runs during another's.
const systems: { name: string; start: () => Promise<Target> }[] = [
  { name: "bare node:http", start: bare },
  { name: `this build (Node ${process.versions.node})`, start: () => hookjar(`this build (Node ${process.versions.node})`, process.execPath, ROOT) },
  {
    name: `${path.basename(against)} (${process.env.BENCH_AGAINST_NODE ?? "same node"})`,
    start: () => hookjar(`${path.basename(against)} (${process.env.BENCH_AGAINST_NODE ?? "same node"})`, process.env.BENCH_AGAINST_NODE ?? process.execPath, path.resolve(against)),
  },
];
const results = new Map<string, LoadResult[]>(systems.map((t) => [t.name, []]));
for (let round = 0; round < rounds; round++) {
  // Rotated: each system takes each position once every `systems.length` rounds.
  for (let i = 0; i < systems.length; i++) {
    const system = systems[(round + i) % systems.length];
    const t = await system.start();
    try {
      await load(t.url, { connections, seconds: 2, body });
      const r = await load(t.url, { connections, seconds, body });
      results.get(t.name)!.push(r);
      console.log(`round ${round + 1}  ${t.name.padEnd(36)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99.toFixed(1)} ms  (${r.errors} errors)`);
    } finally {
      await t.stop();
    }
  }
}

const bareRps = median(results.get(systems[0].name)!.map((r) => r.rps));
console.log(`\nmedians over ${rounds} rounds, ${connections} connections, ${seconds} s each, 1 KiB JSON:`);
for (const t of systems) {
  const rs = results.get(t.name)!;
  const rps = median(rs.map((r) => r.rps));
  console.log(`${t.name.padEnd(36)} ${rps.toFixed(0).padStart(6)} req/s  ${((rps / bareRps) * 100).toFixed(1).padStart(5)} % of bare  p99 ${median(rs.map((r) => r.p99)).toFixed(1)} ms`);
}
