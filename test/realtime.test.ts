import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { rawRequest } from "./helpers/http.ts";

let server: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
});

function connect(): Socket {
  const socket = io(server.url, { transports: ["websocket"], forceNew: true });
  sockets.push(socket);
  return socket;
}

const emitAck = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(5000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: string }>;

function collect(socket: Socket, event: string): any[] {
  const events: any[] = [];
  socket.on(event, (e) => events.push(e));
  return events;
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("live stream", () => {
  it("acks subscriptions, and refuses unknown bins and malformed payloads", async () => {
    const socket = connect();
    const bin = await createBin(server);
    expect(await emitAck(socket, "bin:subscribe", { binId: bin.id })).toEqual({ ok: true });
    expect(await emitAck(socket, "bin:subscribe", { binId: "nope" })).toEqual({ ok: false, error: "bin_not_found" });
    expect(await emitAck(socket, "bin:subscribe", { nope: 1 })).toEqual({ ok: false, error: "invalid_request" });
    expect(await emitAck(socket, "bin:unsubscribe", { binId: bin.id })).toEqual({ ok: true });
  });

  it("requires the view token to subscribe to a private bin", async () => {
    const socket = connect();
    const bin = await createBin(server, { private: true });
    expect(await emitAck(socket, "bin:subscribe", { binId: bin.id })).toEqual({ ok: false, error: "unauthorized" });
    expect(await emitAck(socket, "bin:subscribe", { binId: bin.id, token: "wrong" })).toEqual({ ok: false, error: "unauthorized" });
    expect(await emitAck(socket, "bin:subscribe", { binId: bin.id, token: bin.viewToken })).toEqual({ ok: true });
  });

  it("sends capture:new for subscribed bins only, after the capture is stored", async () => {
    const watched = await createBin(server);
    const other = await createBin(server);
    const socket = connect();
    const events = collect(socket, "capture:new");
    await emitAck(socket, "bin:subscribe", { binId: watched.id });

    await rawRequest(`${other.captureUrl}/ignored`, { method: "POST", body: "no" });
    const sent = await rawRequest(`${watched.captureUrl}/hook?x=1`, { method: "POST", headers: [["Content-Type", "application/json"]], body: "{}" });
    const { id } = JSON.parse(sent.body.toString());

    // A capture's event is sent before its sender is answered, and one socket keeps its events in
    // order: had the other bin's capture been announced here, it would have arrived before this one.
    await until(() => events.length >= 1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id, binId: watched.id, method: "POST", path: "/hook", query: "x=1", contentType: "application/json", bodySize: 2 });
    const stored = await fetch(`${server.url}/api/bins/${watched.id}/requests/${events[0].id}`);
    expect(stored.status).toBe(200);
  });

  it("stops sending after bin:unsubscribe", async () => {
    const bin = await createBin(server);
    const socket = connect();
    const events = collect(socket, "capture:new");
    await emitAck(socket, "bin:subscribe", { binId: bin.id });
    await rawRequest(bin.captureUrl, { method: "POST" });
    await until(() => events.length === 1);
    await emitAck(socket, "bin:unsubscribe", { binId: bin.id });
    const marker = await createBin(server);
    await emitAck(socket, "bin:subscribe", { binId: marker.id });
    await rawRequest(bin.captureUrl, { method: "POST" });
    // Captured after the one that must not be announced, on the same socket: once its event is
    // here, the other's would have come before it.
    await rawRequest(marker.captureUrl, { method: "POST" });
    await until(() => events.some((e) => e.binId === marker.id));
    expect(events.map((e) => e.binId)).toEqual([bin.id, marker.id]);
  });

  it("announces each attempt recorded on a capture (capture:attempt)", async () => {
    const bin = await createBin(server);
    const socket = connect();
    const attempts = collect(socket, "capture:attempt");
    await emitAck(socket, "bin:subscribe", { binId: bin.id });
    const rid = JSON.parse((await rawRequest(bin.captureUrl, { method: "POST", body: "orig" })).body.toString()).id;
    // Resend the capture to this same bin: loopback targets are allowed while the server listens on loopback.
    const res = await fetch(`${server.url}/api/resend`, {
      method: "POST",
      headers: { "content-type": "application/json", ...manage(bin) },
      body: JSON.stringify({ method: "PUT", url: `${bin.captureUrl}/again`, headers: [["X-Again", "1"]], body: { encoding: "utf8", data: "edited" }, captureId: rid }),
    });
    expect(res.status).toBe(200);
    await until(() => attempts.length === 1);
    expect(attempts[0]).toMatchObject({ binId: bin.id, id: rid, attempt: { kind: "resend", method: "PUT", status: 200, request: { headers: [["X-Again", "1"]] } } });
  });

  it("announces deletions and clears", async () => {
    const bin = await createBin(server);
    const socket = connect();
    const deleted = collect(socket, "capture:deleted");
    const cleared = collect(socket, "bin:cleared");
    await emitAck(socket, "bin:subscribe", { binId: bin.id });
    const rid = JSON.parse((await rawRequest(bin.captureUrl, { method: "POST" })).body.toString()).id;
    await fetch(`${server.url}/api/bins/${bin.id}/requests/${rid}`, { method: "DELETE", headers: manage(bin) });
    await fetch(`${server.url}/api/bins/${bin.id}/requests`, { method: "DELETE", headers: manage(bin) });
    await until(() => deleted.length === 1 && cleared.length === 1);
    expect(deleted[0]).toEqual({ binId: bin.id, id: rid });
    expect(cleared[0]).toEqual({ binId: bin.id });
  });

  it("announces a deleted bin (bin:deleted) to its subscribers, who are then refused", async () => {
    const bin = await createBin(server);
    const socket = connect();
    const gone = collect(socket, "bin:deleted");
    await emitAck(socket, "bin:subscribe", { binId: bin.id });
    expect((await fetch(`${server.url}/api/bins/${bin.id}`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    await until(() => gone.length === 1);
    expect(gone[0]).toEqual({ binId: bin.id });
    expect(await emitAck(socket, "bin:subscribe", { binId: bin.id })).toEqual({ ok: false, error: "bin_not_found" });
  });
});

