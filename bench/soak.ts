import { createBin, startServer } from "../test/helpers/server.ts";
import { load } from "./load.ts";
import { rssOf } from "./process-stats.ts";

// `npm run bench:soak`: resident memory of a server taking a steady 1,000 captures/s for
// BENCH_SOAK_MINUTES (10 by default), sampled each minute. Flat means nothing accumulates.

const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const rate = Number(process.env.BENCH_SOAK_RATE ?? 1000);
const body = Buffer.from(JSON.stringify({ event: "push", payload: "x".repeat(1000) }));

// The default cap (1,000 per bin): the soak also prunes all along, as a long-lived bin would.
const server = await startServer(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {});
try {
  const bin = await createBin(server);
  const samples: number[] = [];
  console.log(`idle                  ${rssOf(server.pid).toFixed(0)} MiB`);
  for (let minute = 1; minute <= minutes; minute++) {
    const result = await load(bin.captureUrl, { connections: 10, seconds: 60, body, rate });
    samples.push(rssOf(server.pid));
    console.log(`minute ${String(minute).padStart(2)}             ${samples.at(-1)!.toFixed(0)} MiB  (${result.rps.toFixed(0)} captures/s, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors)`);
  }
  // The first minute warms up (the heap grows to its working size); the spread after it is what counts.
  const settled = samples.slice(1);
  if (settled.length > 0) {
    const [low, high] = [Math.min(...settled), Math.max(...settled)];
    console.log(`after minute 1        ${low.toFixed(0)}–${high.toFixed(0)} MiB: ±${(((high - low) / 2 / ((high + low) / 2)) * 100).toFixed(1)} %`);
  }
} finally {
  await server.stop();
}
