import { createHash, randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, rawRequest } from "./helpers/http.ts";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";
import { until } from "./helpers/target.ts";

let server: TestServer;
let socket: Socket | undefined;
beforeAll(async () => void (server = await startServer()));
afterAll(async () => {
  socket?.close();
  await server?.stop();
});

async function send(binId: string, headers: [string, string][], body = "{}"): Promise<string> {
  const res = await rawRequest(`${server.url}/b/${binId}/hook`, { method: "POST", headers: [["Content-Type", "application/json"], ...headers], body });
  expect(res.status).toBe(200);
  return JSON.parse(res.body.toString()).id;
}

const summary = async (binId: string, id: string) => (await getJson(`${server.url}/api/bins/${binId}/requests/${id}`)).body;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("duplicate deliveries", () => {
  it("marks a repeated X-GitHub-Delivery, Stripe evt_ id and svix-id as a duplicate of the first", async () => {
    const bin = await createBin(server);
    const gh = randomUUID();
    const evt = `evt_${randomUUID().replaceAll("-", "")}`;
    const svix = `msg_${randomUUID()}`;
    const deliveries: [string, [string, string][], string][] = [
      [gh, [["X-GitHub-Delivery", gh]], '{"action":"opened"}'],
      [evt, [["Stripe-Signature", "t=1,v1=00"]], JSON.stringify({ id: evt, object: "event", type: "charge.succeeded" })],
      [svix, [["svix-id", svix], ["svix-timestamp", "1"]], '{"type":"user.created"}'],
    ];
    for (const [deliveryId, headers, body] of deliveries) {
      const first = await send(bin.id, headers, body);
      const second = await send(bin.id, headers, body);
      const third = await send(bin.id, headers, body);
      expect(await summary(bin.id, first)).toMatchObject({ deliveryId, duplicateOf: null, bodySha256: sha256(body) });
      expect(await summary(bin.id, second)).toMatchObject({ deliveryId, duplicateOf: first });
      expect(await summary(bin.id, third)).toMatchObject({ deliveryId, duplicateOf: first });
    }
  });

  it("leaves different ids, and requests without any, unmarked; ids are per bin", async () => {
    const [bin, other] = [await createBin(server), await createBin(server)];
    const a = await send(bin.id, [["X-GitHub-Delivery", "one"]]);
    const b = await send(bin.id, [["X-GitHub-Delivery", "two"]]);
    const c = await send(other.id, [["X-GitHub-Delivery", "one"]]);
    const plain1 = await send(bin.id, []);
    const plain2 = await send(bin.id, []);
    expect(await summary(bin.id, b)).toMatchObject({ deliveryId: "two", duplicateOf: null });
    expect(await summary(other.id, c)).toMatchObject({ deliveryId: "one", duplicateOf: null });
    for (const id of [a, plain1, plain2]) expect((await summary(bin.id, id)).duplicateOf).toBeNull();
    expect((await summary(bin.id, plain1)).deliveryId).toBeNull();
  });

  it("finds the first of a delivery repeated concurrently (several in one write batch)", async () => {
    const bin = await createBin(server);
    const ids = await Promise.all(Array.from({ length: 20 }, () => send(bin.id, [["webhook-id", "msg_burst"]])));
    const rows = await Promise.all(ids.map((id) => summary(bin.id, id)));
    const originals = rows.filter((r) => r.duplicateOf === null);
    expect(originals).toHaveLength(1);
    const first = rows.reduce((a, b) => (a.seq < b.seq ? a : b));
    expect(originals[0].id).toBe(first.id);
    for (const r of rows) if (r.id !== first.id) expect(r.duplicateOf).toBe(first.id);
  });

  it("filters the list with duplicates=only, and refuses other values", async () => {
    const bin = await createBin(server);
    const first = await send(bin.id, [["Idempotency-Key", "k1"]]);
    const again = await send(bin.id, [["Idempotency-Key", "k1"]]);
    await send(bin.id, [["Idempotency-Key", "k2"]]);
    const { body } = await getJson(`${server.url}/api/bins/${bin.id}/requests?duplicates=only`);
    expect(body.items.map((c: { id: string }) => c.id)).toEqual([again]);
    expect(body.items[0]).toMatchObject({ duplicateOf: first, deliveryId: "k1" });
    // Like every filter, it says how many match: the inspector shows "1 of 3".
    expect(body.matching).toBe(1);
    const all = await getJson(`${server.url}/api/bins/${bin.id}/requests`);
    expect(all.body.items).toHaveLength(3);
    const bad = await getJson(`${server.url}/api/bins/${bin.id}/requests?duplicates=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid_request");
    // Counted in all when the first page does not hold them all.
    await send(bin.id, [["Idempotency-Key", "k1"]]);
    const paged = await getJson(`${server.url}/api/bins/${bin.id}/requests?duplicates=only&limit=1`);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.matching).toBe(2);
  });

  it("carries deliveryId, duplicateOf and bodySha256 in capture:new", async () => {
    const bin = await createBin(server);
    socket = io(server.url, { transports: ["websocket"], forceNew: true });
    const events: any[] = [];
    socket.on("capture:new", (e) => events.push(e));
    expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: true });
    const body = JSON.stringify({ event_id: "Ev123", type: "event_callback" });
    const first = await send(bin.id, [], body);
    const second = await send(bin.id, [], body);
    await until(() => events.length === 2, 5000, "two capture:new events");
    expect(events[0]).toMatchObject({ id: first, deliveryId: "Ev123", duplicateOf: null, bodySha256: sha256(body) });
    expect(events[1]).toMatchObject({ id: second, deliveryId: "Ev123", duplicateOf: first, bodySha256: sha256(body) });
  });
});

describe("captures stored before deliveries were tracked", () => {
  it("get bodySha256, deliveryId and duplicateOf when the server starts", async () => {
    const old = await startServer();
    const bin = await createBin(old);
    const send = async (body: string) =>
      JSON.parse((await rawRequest(`${old.url}/b/${bin.id}`, { method: "POST", headers: [["X-GitHub-Delivery", "d1"]], body })).body.toString()).id;
    const [first, second] = [await send("a"), await send("b")];
    await old.stop(true);
    // As the migration leaves rows written by an earlier version.
    const Database = (await import("better-sqlite3")).default;
    const file = new Database(old.dbFile);
    file.prepare(`UPDATE "Capture" SET "bodySha256" = '', "deliveryId" = NULL, "duplicateOf" = NULL`).run();
    file.close();
    const restarted = await startServer({}, old.dbFile);
    try {
      const get = async (id: string) => (await getJson(`${restarted.url}/api/bins/${bin.id}/requests/${id}`)).body;
      expect(await get(first)).toMatchObject({ bodySha256: sha256("a"), deliveryId: "d1", duplicateOf: null });
      expect(await get(second)).toMatchObject({ bodySha256: sha256("b"), deliveryId: "d1", duplicateOf: first });
    } finally {
      await restarted.stop();
    }
  }, 90_000); // two server starts
});
