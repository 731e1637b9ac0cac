/**
 * Per-bin token bucket: a bin may take `perMinute` captures in a burst, refilled evenly over a
 * minute. `take` answers 0 when the capture may go ahead, else the seconds to wait for the next one.
 */
export type RateLimit = { take: (key: string) => number | Promise<number> };

export const waitSeconds = (tokens: number, perMinute: number) => Math.ceil(((1 - tokens) * 60) / perMinute);

/** In memory: where one instance owns the database (SQLite), its own count is the whole count. */
export class RateLimiter implements RateLimit {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  take(key: string, now = Date.now()): number {
    if (this.perMinute <= 0) return 0;
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    if (this.buckets.size > 100_000) this.buckets.clear();
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return waitSeconds(bucket.tokens, this.perMinute);
  }
}
