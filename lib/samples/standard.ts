import type { Sample } from "../schemas/sample.ts";
import { json, randomChars, unixNow } from "./fresh.ts";

/** A Standard Webhooks event (standardwebhooks.com; Svix sends the same with svix-* headers). */

export function standardSamples(now: Date): Sample[] {
  return [
    {
      id: "standard.invoice.paid",
      provider: "Standard Webhooks",
      event: "invoice.paid",
      description: "An event from a Standard Webhooks (or Svix) sender",
      method: "POST",
      path: "/webhooks",
      headers: [
        ["Content-Type", "application/json"],
        ["User-Agent", "Svix-Webhooks/1.66.0"],
        ["webhook-id", `msg_${randomChars(27)}`],
        ["webhook-timestamp", String(unixNow(now))],
      ],
      body: json({
        type: "invoice.paid",
        timestamp: now.toISOString(),
        data: { invoice_id: `inv_${randomChars(16)}`, customer_id: `cus_${randomChars(16)}`, amount: 4200, currency: "USD", paid_at: now.toISOString() },
      }),
      scheme: "standard",
    },
  ];
}
