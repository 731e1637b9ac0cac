import type { Sample } from "../schemas/sample.ts";
import { json, randomChars, unixNow } from "./fresh.ts";

/** Stripe webhook events: the Event object wrapping the changed object (Stripe's API reference, "Events"). */

const API_VERSION = "2025-06-30.basil";

const headers = (): [string, string][] => [
  ["Content-Type", "application/json; charset=utf-8"],
  ["Cache-Control", "no-cache"],
  ["User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"],
  ["Accept", "*/*; q=0.5, application/xml"],
];

const id = (prefix: string) => `${prefix}_${randomChars(24)}`;

function event(type: string, object: unknown, now: Date) {
  return {
    id: id("evt"),
    object: "event",
    api_version: API_VERSION,
    created: unixNow(now),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: id("req"), idempotency_key: crypto.randomUUID() },
    type,
  };
}

export function stripeSamples(now: Date): Sample[] {
  const created = unixNow(now);
  const paymentIntent = {
    id: id("pi"),
    object: "payment_intent",
    amount: 4200,
    amount_received: 4200,
    currency: "usd",
    status: "succeeded",
    capture_method: "automatic",
    confirmation_method: "automatic",
    created,
    customer: id("cus"),
    description: "Order #1042",
    latest_charge: id("ch"),
    livemode: false,
    metadata: { order_id: "1042" },
    payment_method: id("pm"),
    payment_method_types: ["card"],
    receipt_email: "jenny.rosen@example.com",
  };
  const session = {
    id: `cs_test_${randomChars(58)}`,
    object: "checkout.session",
    amount_subtotal: 2000,
    amount_total: 2000,
    created,
    currency: "usd",
    customer: id("cus"),
    customer_details: { email: "jenny.rosen@example.com", name: "Jenny Rosen", address: { country: "US", postal_code: "94103" } },
    expires_at: created + 24 * 3600,
    livemode: false,
    mode: "payment",
    payment_intent: id("pi"),
    payment_status: "paid",
    status: "complete",
    success_url: "https://example.com/success",
    metadata: {},
  };
  return [
    {
      id: "stripe.payment_intent.succeeded",
      provider: "Stripe",
      event: "payment_intent.succeeded",
      description: "A $42.00 card payment succeeded",
      method: "POST",
      path: "/stripe",
      headers: headers(),
      body: json(event("payment_intent.succeeded", paymentIntent, now)),
      scheme: "stripe",
    },
    {
      id: "stripe.checkout.session.completed",
      provider: "Stripe",
      event: "checkout.session.completed",
      description: "A Checkout session paid and completed",
      method: "POST",
      path: "/stripe",
      headers: headers(),
      body: json(event("checkout.session.completed", session, now)),
      scheme: "stripe",
    },
  ];
}
