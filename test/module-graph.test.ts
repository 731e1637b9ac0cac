import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { startEcho, type Echo } from "./helpers/target.ts";

/**
 * The server's code is loaded once per process: server.ts (the capture path, Socket.IO) and Next's
 * route handlers and pages reach the same modules. Two copies would each have a change feed of their
 * own, and a change made through a route handler would never reach the sockets server.ts attached.
 */

const ROOT = path.resolve(import.meta.dirname, "..");

let server: TestServer;
let echo: Echo;
let socket: Socket;

beforeAll(async () => {
  [server, echo] = await Promise.all([startServer({ RESEND_ALLOW_PRIVATE: "true" }), startEcho()]);
  socket = io(server.url, { transports: ["websocket"], forceNew: true });
});
afterAll(async () => {
  socket?.close();
  await Promise.all([server?.stop(), echo?.close()]);
});

const next = <T>(event: string) => new Promise<T>((resolve) => socket.once(event, resolve));

describe("one module graph", () => {
  it("sends a capture from the capture path and changes from route handlers through the same live feed", async () => {
    const bin = await createBin(server);
    expect(await socket.timeout(5000).emitWithAck("bin:subscribe", { binId: bin.id })).toEqual({ ok: true });

    // Stored by server.ts's capture path and its writer.
    const arrived = next<{ id: string }>("capture:new");
    const sent = (await (await fetch(`${bin.captureUrl}/hook`, { method: "POST", body: "x" })).json()) as { id: string };
    expect((await arrived).id).toBe(sent.id);

    // Recorded by Next's resend route handler: the attempt must reach the socket server.ts attached.
    const attempted = next<{ id: string; attempt: { kind: string; status: number } }>("capture:attempt");
    const resend = await fetch(`${server.url}/api/resend`, {
      method: "POST",
      headers: { "content-type": "application/json", ...manage(bin) },
      body: JSON.stringify({ method: "POST", url: `${echo.url}/x`, headers: [], body: { encoding: "utf8", data: "x" }, captureId: sent.id }),
    });
    expect(resend.status).toBe(200);
    expect(await attempted).toMatchObject({ id: sent.id, attempt: { kind: "resend", status: 201 } });

    // Deleted by Next's route handler.
    const deleted = next<{ id: string }>("capture:deleted");
    expect((await fetch(`${server.url}/api/bins/${bin.id}/requests/${sent.id}`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    expect((await deleted).id).toBe(sent.id);
  });

  it("keeps the server's code out of Next's bundles: they import @hookjar/lib at run time", () => {
    // A statement only the store's writer holds: were lib/ bundled into Next's output, it would be there too.
    const marker = 'INSERT INTO "Capture"';
    expect(readFileSync(path.join(ROOT, "lib/dist/index.js"), "utf8")).toContain(marker);
    const chunks = readdirSync(path.join(ROOT, ".next/server"), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith(".js"))
      .map((d) => readFileSync(path.join(d.parentPath, d.name), "utf8"));
    expect(chunks.filter((code) => code.includes(marker))).toEqual([]);
    expect(chunks.some((code) => code.includes('import("@hookjar/lib")'))).toBe(true);
  });
});
