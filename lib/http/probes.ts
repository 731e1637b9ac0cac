import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { config } from "../runtime/config.ts";
import { metrics } from "../runtime/metrics.ts";
import { databaseAnswers } from "../store/db.ts";

/**
 * `GET /healthz` and `GET /metrics`, answered by server.ts before Next: a load balancer or
 * Prometheus polls them often, and the metrics registry is the one server.ts's capture path counts in.
 * Answers true when the request was one of them.
 */
export async function serveOperations(req: IncomingMessage, res: ServerResponse, stopping: boolean): Promise<boolean> {
  const path = (req.url ?? "/").split("?")[0];
  if (path !== "/healthz" && path !== "/metrics") return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    req.resume();
    res.setHeader("allow", "GET, HEAD");
    json(res, 405, { error: "method_not_allowed", message: `${req.method} is not allowed on ${path}; it takes GET.` });
    return true;
  }
  if (path === "/healthz") {
    await health(res, stopping);
    return true;
  }
  if (path === "/metrics") {
    await exposeMetrics(req, res);
    return true;
  }
  return false;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function health(res: ServerResponse, stopping: boolean) {
  // A stopping instance reports unhealthy so a load balancer sends new requests elsewhere.
  if (stopping) return json(res, 503, { ok: false, error: "shutting_down", message: "This server is stopping." });
  try {
    await databaseAnswers();
    json(res, 200, { ok: true });
  } catch (error) {
    json(res, 503, { ok: false, error: "database_unavailable", message: `The database does not answer: ${(error as Error).message}` });
  }
}

const digest = (text: string) => createHash("sha256").update(text).digest();

async function exposeMetrics(req: IncomingMessage, res: ServerResponse) {
  if (config.METRICS_TOKEN) {
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
    if (!timingSafeEqual(digest(given), digest(config.METRICS_TOKEN))) {
      res.setHeader("www-authenticate", 'Bearer realm="metrics"');
      return json(res, 401, { error: "unauthorized", message: "/metrics needs METRICS_TOKEN as a Bearer token." });
    }
  }
  const { registry } = metrics();
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(await registry.metrics());
}
