import autocannon from "autocannon";

export type LoadResult = { requests: number; errors: number; seconds: number; rps: number; p50: number; p99: number };

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rounds of one load as one result: the median rate and latencies, and every round's errors. */
export const medianOf = (rounds: LoadResult[]): LoadResult => ({
  requests: median(rounds.map((r) => r.requests)),
  errors: rounds.reduce((n, r) => n + r.errors, 0),
  seconds: rounds[0].seconds,
  rps: median(rounds.map((r) => r.rps)),
  p50: median(rounds.map((r) => r.p50)),
  p99: median(rounds.map((r) => r.p99)),
});

/**
 * Sends `body` to `url` from `connections` keep-alive connections for `seconds` with autocannon
 * (the load generator peers are measured with); loopback only. `rate` caps requests per second.
 */
export async function load(
  url: string,
  { connections = 50, seconds = 5, body = Buffer.alloc(0), method = "POST", headers = {} as Record<string, string>, rate = undefined as number | undefined } = {},
): Promise<LoadResult> {
  const target = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) throw new Error("benchmarks target loopback only");
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: method as "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    ...(rate ? { overallRate: rate } : {}),
  });
  const ok = result["2xx"];
  return {
    requests: ok,
    errors: result.errors + result.timeouts + result.non2xx,
    seconds: result.duration,
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
