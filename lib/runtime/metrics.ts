import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The process's one metrics registry, served at /metrics. Gauges whose value lives elsewhere (the
 * write queue, the Socket.IO server) read it through `gauges`, which server.ts points at them.
 */

type Readings = { writeQueueDepth: () => number; sockets: () => number };

function create() {
  const registry = new Registry();
  const registers = [registry];
  const gauges: Readings = { writeQueueDepth: () => 0, sockets: () => 0 };
  collectDefaultMetrics({ register: registry, prefix: "hookjar_" });
  return {
    registry,
    gauges,
    captures: new Counter({
      name: "hookjar_captures_total",
      help: "Requests on capture URLs, by outcome: stored, refused (4xx, nothing stored) or failed (5xx).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    refused: new Counter({
      name: "hookjar_refused_requests_total",
      help: "Requests refused, by reason (the error code answered: rate_limited, payload_too_large, bin_not_found, shutting_down…).",
      labelNames: ["reason"] as const,
      registers,
    }),
    commitSeconds: new Histogram({
      name: "hookjar_capture_commit_seconds",
      help: "Time from a capture's body read to its batch's commit (what the sender waits for).",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    forwards: new Counter({
      name: "hookjar_forwards_total",
      help: "Auto-forwards, by outcome: ok (the target answered), failed, skipped (not sent) or interrupted (the server stopped).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    writeQueueDepth: new Gauge({
      name: "hookjar_write_queue_depth",
      help: "Captures waiting for their batch to commit.",
      registers,
      collect() {
        this.set(gauges.writeQueueDepth());
      },
    }),
    sockets: new Gauge({
      name: "hookjar_sockets_connected",
      help: "Live (Socket.IO) connections to this instance.",
      registers,
      collect() {
        this.set(gauges.sockets());
      },
    }),
  };
}

const registry = create();
export const metrics = () => registry;
