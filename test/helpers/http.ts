import { request } from "node:http";

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; rawHeaders: string[]; body: Buffer };

/**
 * A request with full control of the wire: any method, raw path, header pairs in order with
 * their case, raw body bytes. fetch() would normalise several of these.
 */
export function rawRequest(
  url: string,
  options: { method?: string; path?: string; headers?: [string, string][]; body?: Buffer | string } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  const pairs = options.headers ?? [];
  // With headers given as a raw list Node adds no Host of its own; HTTP/1.1 requires one.
  const withHost = pairs.some(([n]) => n.toLowerCase() === "host") ? pairs : [["Host", target.host], ...pairs];
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? "GET",
        path: options.path ?? target.pathname + target.search,
        headers: withHost.flat(),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

export async function getJson<T = any>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}
