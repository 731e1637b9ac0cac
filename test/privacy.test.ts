import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";

// A bin made private or public after it was created: who may read it, and what happens to the
// live subscribers who were let in under the old rule.

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const bearer = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
const setPrivacy = (binId: string, body: unknown, token: string) =>
  fetch(`${server.url}/api/bins/${binId}/privacy`, { method: "PUT", headers: { "content-type": "application/json", ...bearer(token) }, body: JSON.stringify(body) });
const readBin = (binId: string, token?: string) => fetch(`${server.url}/api/bins/${binId}`, { headers: bearer(token) });

const subscriber = (): Socket => io(server.url, { transports: ["websocket"], forceNew: true });

describe("privacy after creation", () => {
  it("makes a public bin private with a token shown once, rotates it, and makes it public again", async () => {
    const bin = await createBin(server);
    const made = await setPrivacy(bin.id, { private: true }, bin.manageKey);
    expect(made.status).toBe(200);
    const { viewToken, private: isPrivate } = await made.json();
    expect(isPrivate).toBe(true);
    expect(viewToken).toMatch(/^\S{20,}$/);
    expect((await readBin(bin.id)).status).toBe(401);
    expect(await (await readBin(bin.id, viewToken)).json()).toMatchObject({ private: true });
    // Capturing never needs the token.
    expect((await fetch(`${bin.captureUrl}/still`, { method: "POST", body: "x" })).status).toBe(200);

    // A new share link: the old token stops working; changing privacy needs the manage key, which
    // the view token is not.
    expect((await setPrivacy(bin.id, { private: true }, viewToken)).status).toBe(403);
    const rotated = (await (await setPrivacy(bin.id, { private: true }, bin.manageKey)).json()).viewToken;
    expect(rotated).not.toBe(viewToken);
    expect((await readBin(bin.id, viewToken)).status).toBe(401);
    expect((await readBin(bin.id, rotated)).status).toBe(200);

    const opened = await setPrivacy(bin.id, { private: false }, bin.manageKey);
    expect(await opened.json()).toEqual({ private: false });
    expect(await (await readBin(bin.id)).json()).toMatchObject({ private: false, requestCount: 1 });
  });

  it("refuses bad input with 400 and unknown bins with 404, changing nothing", async () => {
    const bin = await createBin(server);
    const bad = await setPrivacy(bin.id, { private: "yes" }, bin.manageKey);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_request" });
    expect((await readBin(bin.id)).status).toBe(200);
    expect((await setPrivacy("nope", { private: true }, bin.manageKey)).status).toBe(404);
  });

  it("lets live subscribers go when the rule changes: only those with the new token get back in", async () => {
    const bin = await createBin(server);
    const watcher = subscriber();
    expect(await watcher.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: true });
    const told = new Promise((resolve) => watcher.once("bin:access", resolve));
    const missed: unknown[] = [];
    const { viewToken } = await (await setPrivacy(bin.id, { private: true }, bin.manageKey)).json();
    expect(await told).toEqual({ binId: bin.id, private: true });

    watcher.on("capture:new", (c) => missed.push(c));
    expect(await watcher.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: false, error: "unauthorized" });
    const holder = subscriber();
    const seen = new Promise((resolve) => holder.once("capture:new", resolve));
    expect(await holder.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id, token: viewToken })).toEqual({ ok: true });
    await fetch(`${bin.captureUrl}/secret`, { method: "POST", body: "x" });
    expect(await seen).toMatchObject({ binId: bin.id, path: "/secret" });
    expect(missed).toEqual([]);
    watcher.close();
    holder.close();
  });
});
