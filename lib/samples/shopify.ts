import type { Sample } from "../schemas/sample.ts";
import { json, randomDigits, uuid } from "./fresh.ts";

/** Shopify webhooks: the X-Shopify-* headers and the Order resource (Shopify's "Webhooks" and REST "Order" docs). */

export function shopifySamples(now: Date): Sample[] {
  const orderId = Number(randomDigits(13));
  const at = now.toISOString();
  return [
    {
      id: "shopify.orders.create",
      provider: "Shopify",
      event: "orders/create",
      description: "A new order of two items",
      method: "POST",
      path: "/shopify",
      headers: [
        ["Content-Type", "application/json"],
        ["User-Agent", "Shopify-Captain-Hook"],
        ["X-Shopify-Topic", "orders/create"],
        ["X-Shopify-Shop-Domain", "acme-goods.myshopify.com"],
        ["X-Shopify-API-Version", "2025-07"],
        ["X-Shopify-Webhook-Id", uuid()],
        ["X-Shopify-Event-Id", uuid()],
        ["X-Shopify-Triggered-At", at],
        ["X-Shopify-Order-Id", String(orderId)],
      ],
      body: json({
        id: orderId,
        admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
        name: "#1042",
        order_number: 1042,
        email: "jenny.rosen@example.com",
        created_at: at,
        updated_at: at,
        currency: "USD",
        financial_status: "paid",
        fulfillment_status: null,
        subtotal_price: "38.00",
        total_tax: "4.00",
        total_price: "42.00",
        customer: { id: Number(randomDigits(13)), email: "jenny.rosen@example.com", first_name: "Jenny", last_name: "Rosen" },
        line_items: [
          { id: Number(randomDigits(13)), title: "Enamel mug", quantity: 2, price: "12.00", sku: "MUG-ENAMEL", product_id: 7513594, variant_id: 4264112 },
          { id: Number(randomDigits(13)), title: "Pour-over filter", quantity: 1, price: "14.00", sku: "FILTER-01", product_id: 7513595, variant_id: 4264113 },
        ],
        shipping_address: { name: "Jenny Rosen", address1: "1 Market St", city: "San Francisco", province_code: "CA", zip: "94103", country_code: "US" },
      }),
      scheme: "shopify",
    },
  ];
}
