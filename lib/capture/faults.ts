import type { ServerResponse } from "node:http";
import { config } from "../runtime/config.ts";
import type { Fault } from "../schemas/rules.ts";
import { countFailure } from "../store/fault-counts.ts";

/** Failures on purpose: which deliveries a rule's fault fails, and the connections it holds. */

/**
 * Whether this delivery fails: `fail_first` fails the first `count` of each delivery id (or of the
 * rule, for requests without one) since the rules were saved; `fail_rate` fails that share at random.
 */
export async function failsNow(fault: Fault, key: { binId: string; rulesVersion: number; ruleId: string; deliveryId: string | null }): Promise<boolean> {
  if (fault.kind === "fail_rate") return Math.random() < fault.rate;
  if (fault.kind !== "fail_first") return false;
  // Newlines part the fields: no header value (a delivery id) holds one, and PostgreSQL text cannot hold NUL.
  const id = `${key.binId}\n${key.rulesVersion}\n${key.ruleId}\n${key.deliveryId ?? ""}`;
  return (await countFailure(key.binId, id)) <= fault.count;
}

const held = new Set<ServerResponse>();

/** `hang`: no answer; the connection closes after HANG_MAX_MS, or when the server stops. */
export function hang(res: ServerResponse): void {
  held.add(res);
  const timer = setTimeout(() => res.destroy(), config.HANG_MAX_MS);
  // A held connection never keeps the process alive, nor outlives its socket.
  timer.unref();
  res.on("close", () => {
    clearTimeout(timer);
    held.delete(res);
  });
}

/** Closes every held connection: a stopping server waits for no hang. */
export function releaseHangs(): void {
  for (const res of held) res.destroy();
}
