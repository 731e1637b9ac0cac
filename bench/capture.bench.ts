import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createBin, startServer } from "../test/helpers/server.ts";
import { load, type LoadResult } from "./load.ts";

// Capture throughput, reported as a ratio against a bare Node server measured in the same run
// (same machine, same load generator): the bare server is the ceiling the capture path can reach.

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const body = Buffer.from(JSON.stringify({ event: "push", payload: "x".repeat(2000) }));

async function bareBaseline(): Promise<LoadResult> {
  const bare = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
  const { port } = bare.address() as AddressInfo;
  try {
    return await load(`http://127.0.0.1:${port}/b/x`, { connections, seconds, body });
  } finally {
    bare.close();
  }
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.requests} requests, ${r.errors} errors)`;

const baseline = await bareBaseline();
const server = await startServer({ MAX_CAPTURES_PER_BIN: "10000000" });
try {
  const bin = await createBin(server);
  await load(bin.captureUrl, { connections, seconds: 1, body });
  const rssBefore = rssOf(server.pid);
  const capture = await load(bin.captureUrl, { connections, seconds, body });
  const rssAfter = rssOf(server.pid);
  const stored = (await (await fetch(`${server.url}/api/bins/${bin.id}`)).json()).requestCount;
  // Every capture a repeat of one delivery: each write batch looks its first capture up.
  const repeats = await createBin(server);
  const delivered = await load(repeats.captureUrl, { connections, seconds, body, headers: { "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958" } });
  console.log(`bare node server      ${fmt(baseline)}`);
  console.log(`hookjar capture path  ${fmt(capture)}`);
  console.log(`ratio capture/bare    ${(capture.rps / baseline.rps).toFixed(3)}`);
  console.log(`with a delivery id    ${fmt(delivered)}  ratio ${(delivered.rps / baseline.rps).toFixed(3)}`);
  console.log(`captures stored       ${stored} (answered 200: ${capture.requests - capture.errors} + warm-up)`);
  console.log(`server RSS            ${rssBefore.toFixed(0)} MiB → ${rssAfter.toFixed(0)} MiB`);
} finally {
  await server.stop();
}
