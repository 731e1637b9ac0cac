import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "./helpers/http.ts";
import { twoInstances } from "./helpers/postgres.ts";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";

// Captures that arrive together are committed together (one write batch): each of them must still
// be announced, on every instance, exactly once.

const BURST = 20;
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

type Summary = { id: string; binId: string; path: string };

/** A subscriber of `binId` on `server`, and every capture:new it gets from the moment it subscribed. */
async function subscribe(server: TestServer, binId: string) {
  const socket = io(server.url, { transports: ["websocket"], forceNew: true });
  sockets.push(socket);
  const events: Summary[] = [];
  const waiting = new Set<() => void>();
  socket.on("capture:new", (e: Summary) => {
    events.push(e);
    for (const check of waiting) check();
  });
  expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId })).toEqual({ ok: true });
  /** Settles once an event for each of `ids` has arrived (some may have already). */
  const heard = (ids: string[]) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!ids.every((id) => events.some((e) => e.id === id))) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
    });
  return { events, heard };
}

async function send(server: TestServer, binId: string, path: string): Promise<string> {
  const res = await rawRequest(`${server.url}/b/${binId}${path}`, { method: "POST", headers: [["Content-Type", "text/plain"]], body: path });
  expect(res.status).toBe(200);
  return JSON.parse(res.body.toString()).id;
}

/**
 * Sends BURST captures at once, spread over `targets` in turn, and checks what the subscriber heard.
 * Then one marker capture through each target, after every sender has its answer: an instance
 * announces its captures in the order it stored them, and the subscriber hears each instance's
 * announcements in that order, so once every marker has arrived, so has anything the burst caused.
 */
async function burstReachesSubscriber(subscriber: TestServer, targets: TestServer[]) {
  const bin = await createBin(subscriber);
  const { events, heard } = await subscribe(subscriber, bin.id);
  const ids = await Promise.all(Array.from({ length: BURST }, (_, i) => send(targets[i % targets.length], bin.id, `/burst/${i}`)));
  expect(new Set(ids).size).toBe(BURST);

  const markers = await Promise.all(targets.map((t, i) => send(t, bin.id, `/marker/${i}`)));
  await heard(markers);
  const burst = events.filter((e) => !markers.includes(e.id));
  expect(burst.every((e) => e.binId === bin.id)).toBe(true);
  // As many events as captures, each a different one of the ids the senders got back.
  expect(burst.map((e) => e.id).toSorted()).toEqual(ids.toSorted());
  for (const e of burst) expect(e.path).toBe(`/burst/${ids.indexOf(e.id)}`);
}

describe("a burst of captures on one SQLite server", () => {
  let server: TestServer;
  beforeAll(async () => void (server = await startServer()));
  afterAll(() => server?.stop());

  it(`announces each of ${BURST} concurrent captures to a subscriber, once`, () => burstReachesSubscriber(server, [server]));
});

describe("a burst of captures across two PostgreSQL instances", () => {
  let a: TestServer;
  let b: TestServer;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => void ({ a, b, stop } = await twoInstances()), 120_000);
  afterAll(() => stop?.());

  it(`announces each of ${BURST} concurrent captures, taken by either instance, to a subscriber of one`, () => burstReachesSubscriber(a, [a, b]));
});
