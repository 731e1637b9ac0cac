import { spawn } from "node:child_process";
import { request } from "node:http";
import { io } from "socket.io-client";
import { startPostgres } from "../test/helpers/postgres.ts";
import { createBin, manage, startServer, type TestServer } from "../test/helpers/server.ts";
import { load, median, medianOf, type LoadResult } from "./load.ts";
import { prefill } from "./prefill.ts";
import { cpuMsOf, rssOf } from "./process-stats.ts";

// `npm run bench`: the capture path against a bare node:http server measured in the same run (each in
// its own process, the same autocannon load, in rotated rounds, medians compared), then a large bin's
// reads, memory and push latency, on SQLite and on PostgreSQL. Figures are ratios and times printed
// for the README, never asserted.

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const bigBin = Number(process.env.BENCH_BIG_BIN ?? 200_000);
const body = Buffer.from(JSON.stringify({ event: "push", payload: "x".repeat(1000) }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a load against `pid`'s server; answers its result and the server's CPU time per answered request, in µs. */
async function withCpu(pid: number, run: () => Promise<LoadResult>): Promise<[LoadResult, number]> {
  const before = cpuMsOf(pid);
  const result = await run();
  return [result, ((cpuMsOf(pid) - before) * 1000) / Math.max(1, result.requests)];
}

/** Runs `work` while sampling the process's resident memory; answers the work's result and the peak. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 100);
  try {
    return [await work(), peak];
  } finally {
    clearInterval(timer);
  }
}

/** A bare node:http server in its own process: the baseline, and a forward target that costs no more. */
async function startBare() {
  const child = spawn(process.execPath, ["bench/bare-server.mjs"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout!.on("data", (d) => resolve(Number(/:(\d+)/.exec(String(d))![1]))));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

/** One round of the baseline: a bare server started afresh, warmed for a second, then loaded. */
async function bareRound(): Promise<[LoadResult, number]> {
  const bare = await startBare();
  try {
    await load(`${bare.url}/b/x`, { connections, seconds: 1, body });
    return await withCpu(bare.pid, () => load(`${bare.url}/b/x`, { connections, seconds, body }));
  } finally {
    bare.stop();
  }
}

/** The medians of rounds' results and of their CPU per request. */
const medians = (rounds: [LoadResult, number][]): [LoadResult, number] => [medianOf(rounds.map(([r]) => r)), median(rounds.map(([, cpu]) => cpu))];

/** The capture rate of a bin that auto-forwards every capture (to a bare server), each forward's attempt stored. */
async function forwardingRate(server: TestServer): Promise<LoadResult> {
  const [bin, target] = await Promise.all([createBin(server), startBare()]);
  try {
    const res = await fetch(`${server.url}/api/bins/${bin.id}/forward`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...manage(bin) },
      body: JSON.stringify({ url: `${target.url}/hook`, enabled: true }),
    });
    if (res.status !== 204) throw new Error(`setting the forward: ${res.status}`);
    return await load(bin.captureUrl, { connections, seconds, body });
  } finally {
    target.stop();
  }
}

const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.requests} ok, ${r.errors} errors)`;

/** One GET through node:http, its bytes counted as they arrive and dropped: the client costs little beside the server. */
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: ${res.statusCode}`))));
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

/** Median of `runs` timings of one GET, and the response size. */
async function timeGet(url: string, runs = 7): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    bytes = await get(url);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)], bytes };
}

/** capture:new delivery time to one subscriber: from the request's first byte to the event, at `rate`/s. */
async function pushLatency(server: TestServer, rate: number, total: number): Promise<{ p50: number; p99: number; missed: number }> {
  const bin = await createBin(server);
  const socket = io(server.url, { transports: ["websocket"] });
  await new Promise<void>((resolve) => socket.emit("bin:subscribe", { binId: bin.id }, () => resolve()));
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  socket.on("capture:new", (c: { path: string }) => {
    const at = sent.get(c.path);
    if (at !== undefined) latencies.push(performance.now() - at);
  });
  const url = new URL(bin.captureUrl);
  for (let i = 0; i < total; i++) {
    const path = `/p${i}`;
    sent.set(path, performance.now());
    request({ host: url.hostname, port: url.port, path: `${url.pathname}${path}`, method: "POST", headers: { "content-type": "application/json" } }, (res) => res.resume()).end(body);
    await sleep(1000 / rate);
  }
  await sleep(1000);
  socket.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), missed: total - latencies.length };
}

async function measure(label: string, env: Record<string, string>, databaseUrl: (server: TestServer) => string) {
  console.log(`\n== ${label}`);
  let server = await startServer({ MAX_CAPTURES_PER_BIN: "10000000", ...env });
  await sleep(2000);
  const idle = rssOf(server.pid);
  await load((await createBin(server)).captureUrl, { connections, seconds: 1, body });
  // Each round into an empty bin; the last round's is then filled to the large bin.
  let bin!: Awaited<ReturnType<typeof createBin>>;
  // Bare node:http and the capture path in turns, each first every other round, so that neither gets
  // the machine's quieter moments: the ratio is of the two medians.
  const bareRounds: [LoadResult, number][] = [];
  const captureRounds: [LoadResult, number][] = [];
  let peak = 0;
  const captureRound = async () => {
    bin = await createBin(server);
    const [result, roundPeak] = await withPeakRss(server.pid, () => withCpu(server.pid, () => load(bin.captureUrl, { connections, seconds, body })));
    peak = Math.max(peak, roundPeak);
    captureRounds.push(result);
    console.log(`  round ${captureRounds.length}, capture      ${fmt(result[0])}`);
  };
  const baseRound = async () => {
    bareRounds.push(await bareRound());
    console.log(`  round ${bareRounds.length}, bare         ${fmt(bareRounds.at(-1)![0])}`);
  };
  for (let round = 0; round < rounds; round++) {
    for (const run of round % 2 ? [captureRound, baseRound] : [baseRound, captureRound]) await run();
  }
  const [baseline, bareCpu] = medians(bareRounds);
  const [empty, cpu] = medians(captureRounds);
  console.log(`bare node:http        ${fmt(baseline)}  (medians of ${rounds} rounds)`);
  console.log(`capture, empty bin    ${fmt(empty)}  ratio ${(empty.rps / baseline.rps).toFixed(3)}  p99 ×${(empty.p99 / baseline.p99).toFixed(1)} bare`);
  console.log(`server CPU            ${cpu.toFixed(0)} µs per capture, bare ${bareCpu.toFixed(0)} µs per request: ratio ${(bareCpu / cpu).toFixed(3)}`);
  const repeats = await createBin(server);
  const delivered = await load(repeats.captureUrl, { connections, seconds, body, headers: { "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958" } });
  console.log(`one delivery id, ×N   ${fmt(delivered)}  ratio ${(delivered.rps / baseline.rps).toFixed(3)}`);
  const forwarding = await forwardingRate(server);
  console.log(`forwarding each       ${fmt(forwarding)}  ratio ${(forwarding.rps / baseline.rps).toFixed(3)}`);
  console.log(`server RSS            idle ${idle.toFixed(0)} MiB, peak under load ${peak.toFixed(0)} MiB`);

  const stored = (await (await fetch(`${server.url}/api/bins/${bin.id}`)).json()).requestCount as number;
  const url = databaseUrl(server);
  await server.stop(true);
  await prefill(url, bin.id, Math.max(0, bigBin - stored));
  const before = server.url;
  server = await startServer({ MAX_CAPTURES_PER_BIN: "10000000", ...env }, server.dbFile);
  const captureUrl = bin.captureUrl.replace(before, server.url);
  try {
    await load(captureUrl, { connections, seconds: 1, body });
    // The large bin and an empty one on the same server, in turns as above.
    const bigRounds: LoadResult[] = [];
    const emptyRounds: LoadResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const intoBig = async () => bigRounds.push(await load(captureUrl, { connections, seconds, body }));
      const intoEmpty = async () => emptyRounds.push(await load((await createBin(server)).captureUrl, { connections, seconds, body }));
      for (const run of round % 2 ? [intoEmpty, intoBig] : [intoBig, intoEmpty]) await run();
    }
    const big = medianOf(bigRounds);
    const beside = median(emptyRounds.map((r) => r.rps));
    console.log(`capture, ${bigBin} bin  ${fmt(big)}  ${((big.rps / beside) * 100).toFixed(0)} % of an empty bin's rate on the same server (${beside.toFixed(0)} req/s)`);
    // Right after the flood: searches scan what the word index has not reached yet.
    const api = `${server.url}/api/bins/${bin.id}`;
    console.log(`the large bin now     ${(await (await fetch(api)).json()).requestCount} captures`);
    const page = await timeGet(`${api}/requests`);
    const search = await timeGet(`${api}/requests?q=NEEDLE-12000`);
    const header = await timeGet(`${api}/requests?header=${encodeURIComponent("X-Marker: m5000")}`);
    console.log(`first page            ${page.ms.toFixed(1)} ms`);
    console.log(`text search (q=)      ${search.ms.toFixed(1)} ms`);
    console.log(`header filter         ${header.ms.toFixed(1)} ms`);
    for (const format of ["json", "har"]) {
      const before = rssOf(server.pid);
      const [exported, peakExport] = await withPeakRss(server.pid, () => timeGet(`${api}/export?format=${format}`, 1));
      console.log(
        `export ${format.padEnd(4)}           ${(exported.bytes / 1e6).toFixed(0)} MB in ${(exported.ms / 1000).toFixed(1)} s = ${(exported.bytes / 1e6 / (exported.ms / 1000)).toFixed(0)} MB/s, RSS ${before.toFixed(0)} → ${peakExport.toFixed(0)} MiB`,
      );
    }
    const push = await pushLatency(server, 1000, 5000);
    console.log(`capture:new push      p50 ${push.p50.toFixed(1)} ms  p99 ${push.p99.toFixed(1)} ms at 1,000/s, one subscriber (${push.missed} missed)`);
  } finally {
    await server.stop();
  }
}

await measure("SQLite", {}, (s) => `file:${s.dbFile}`);
if (process.env.BENCH_POSTGRES !== "0") {
  const postgres = await startPostgres();
  try {
    postgres.createDatabase("bench");
    await measure("PostgreSQL", { DATABASE_URL: postgres.url("bench") }, () => postgres.url("bench"));
  } finally {
    postgres.stop();
  }
}
