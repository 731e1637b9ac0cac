import { Agent, request } from "node:http";

export type LoadResult = { requests: number; errors: number; seconds: number; rps: number; p50: number; p99: number };

/** Sends `body` to `url` from `connections` keep-alive connections for `seconds`; loopback only. */
export async function load(
  url: string,
  { connections = 32, seconds = 5, body = Buffer.alloc(0), method = "POST", headers = {} as Record<string, string> } = {},
): Promise<LoadResult> {
  const target = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) throw new Error("benchmarks target loopback only");
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname + target.search, method, agent,
          headers: { "content-type": "application/json", "content-length": body.length, ...headers } },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode !== 200) errors++;
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end) await one();
  }));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}
