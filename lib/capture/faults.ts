import type { ServerResponse } from "node:http";
import { config } from "../runtime/config.ts";
import type { Fault } from "../schemas/rules.ts";

/** Failures on purpose: which deliveries a rule's fault fails, and the connections it holds. */

// fail_first counts, keyed by bin, rules version, rule and delivery id; in memory, per process.
const failed = new Map<string, number>();
const counts = () => failed;

/**
 * Whether this delivery fails: `fail_first` fails the first `count` of each delivery id (or of the
 * rule, for requests without one) since the rules were saved; `fail_rate` fails that share at random.
 */
export function failsNow(fault: Fault, key: { binId: string; rulesVersion: number; ruleId: string; deliveryId: string | null }): boolean {
  if (fault.kind === "fail_rate") return Math.random() < fault.rate;
  if (fault.kind !== "fail_first") return false;
  const map = counts();
  const id = `${key.binId}\u0000${key.rulesVersion}\u0000${key.ruleId}\u0000${key.deliveryId ?? ""}`;
  const seen = map.get(id) ?? 0;
  if (map.size > 100_000) map.clear();
  map.set(id, seen + 1);
  return seen < fault.count;
}

const hung = new Set<ServerResponse>();
const held = () => hung;

/** `hang`: no answer; the connection closes after HANG_MAX_MS, or when the server stops. */
export function hang(res: ServerResponse): void {
  const responses = held();
  responses.add(res);
  const timer = setTimeout(() => res.destroy(), config.HANG_MAX_MS);
  // A held connection never keeps the process alive, nor outlives its socket.
  timer.unref();
  res.on("close", () => {
    clearTimeout(timer);
    responses.delete(res);
  });
}

/** Closes every held connection: a stopping server waits for no hang. */
export function releaseHangs(): void {
  for (const res of held()) res.destroy();
}
