import type { HeaderPairs } from "../schemas/common.ts";

/** Headers that carry a provider's delivery or event id, in the order SPEC.md ("Duplicate deliveries") gives. */
const ID_HEADERS = ["x-github-delivery", "webhook-id", "svix-id", "x-shopify-webhook-id"];

/** The provider's delivery or event id of a request, or null: the same id on a retry is the same delivery. */
export function deliveryId(headers: HeaderPairs, body: Uint8Array): string | null {
  const header = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
  for (const name of ID_HEADERS) {
    const value = header(name);
    if (value) return value;
  }
  const json = jsonObject(body);
  if (typeof json?.event_id === "string" && json.event_id) return json.event_id;
  if (typeof json?.id === "string" && json.id.startsWith("evt_")) return json.id;
  return header("idempotency-key") || null;
}

function jsonObject(body: Uint8Array): Record<string, unknown> | null {
  // A body that cannot be a JSON object is not parsed at all: this runs on every capture.
  if (body.length === 0 || body.length > 1024 * 1024 || body[0] !== 0x7b) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(body));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
