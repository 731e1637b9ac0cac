import { hash } from "node:crypto";
import type { HeaderPairs } from "../schemas/common.ts";

/**
 * What makes two captures the same delivery (docs/api.md, "Duplicate deliveries"): the provider's
 * delivery or event id. Runs on the capture path, so it reads headers first and parses a body
 * only when the bytes could hold a Slack or Stripe id.
 */

// In the contract's order: the first one present wins. Then a body's id, then Idempotency-Key.
const ID_HEADERS = ["x-github-delivery", "webhook-id", "svix-id", "x-shopify-webhook-id"];
const RANK = new Map([...ID_HEADERS, "idempotency-key"].map((name, i) => [name, i]));
const IDEMPOTENCY_KEY = ID_HEADERS.length;
const MAX_ID = 200;

const usable = (id: unknown): id is string => typeof id === "string" && id.length > 0 && id.length <= MAX_ID;

export function deliveryIdOf(headers: HeaderPairs, body: Uint8Array): string | null {
  // One pass, each name lowercased once: the first value of each name that can hold an id.
  const first: (string | undefined)[] = [];
  for (const [name, value] of headers) {
    const rank = RANK.get(name.toLowerCase());
    if (rank !== undefined) first[rank] ??= value;
  }
  for (let rank = 0; rank < IDEMPOTENCY_KEY; rank++) {
    const value = first[rank]?.trim();
    if (usable(value)) return value;
  }
  const fromBody = bodyEventId(Buffer.from(body.buffer, body.byteOffset, body.length));
  if (fromBody) return fromBody;
  const key = first[IDEMPOTENCY_KEY]?.trim();
  return usable(key) ? key : null;
}

// Searched for as bytes, so no needle is encoded per request.
const SLACK_KEY = Buffer.from('"event_id"');
const STRIPE_ID = Buffer.from('"evt_');

// A Slack Events API body's `event_id`, or a Stripe event's `id` (`evt_…`).
function bodyEventId(bytes: Buffer): string | null {
  const slack = bytes.includes(SLACK_KEY);
  if (!slack && !bytes.includes(STRIPE_ID)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { event_id: eventId, id, object } = parsed as Record<string, unknown>;
  if (slack && usable(eventId)) return eventId;
  if (usable(id) && id.startsWith("evt_") && (object === undefined || object === "event")) return id;
  return null;
}

// The one-shot digest: a Hash object per capture cost the capture path twice as much.
export const sha256Hex = (bytes: Uint8Array) => hash("sha256", bytes, "hex");
