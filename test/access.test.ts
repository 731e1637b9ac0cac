import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationPath, operations, type Operation, type OperationId } from "../lib/schemas/operations.ts";
import { rawRequest } from "./helpers/http.ts";
import { createBin, manage, startServer, type CreatedBin, type TestServer } from "./helpers/server.ts";

// Who may change a bin: every changing operation of the operation list, tried with each credential
// that must not be enough, then with the owner's key.

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const changing = (Object.entries(operations) as [OperationId, Operation][]).filter(([, op]) => op.access === "manage");

/** A valid body for each changing operation; `target` is a capture URL nothing else sends to. */
const bodies = (captureId: string, target: string): Partial<Record<OperationId, unknown>> => ({
  setCustomResponse: { status: 418, body: "changed" },
  setPrivacy: { private: false },
  setForward: { url: target, enabled: true },
  setRules: { rules: [{ respond: { status: 500, headers: [], body: "", delayMs: 0 } }] },
  importSettings: { name: "taken over" },
  resend: { method: "POST", url: target, headers: [], captureId },
});

/**
 * What the owner's key gets where the change needs state this test does not set up: past the guard,
 * the operation's own 404 (no forward retry waits for the capture).
 */
const ownerAnswer: Partial<Record<OperationId, number>> = { retryForward: 404, giveUpForward: 404 };

type Call = { method: string; url: string; body?: string };

async function prepare(id: OperationId, bin: CreatedBin, target: CreatedBin): Promise<{ call: Call; captureId: string }> {
  const op: Operation = operations[id];
  const captureId = JSON.parse((await rawRequest(`${bin.captureUrl}/first`, { method: "POST", body: "kept" })).body.toString()).id as string;
  const body = bodies(captureId, target.captureUrl)[id];
  if (op.body) expect(body, `a sample body for ${id} in this test`).toBeDefined();
  const path = operationPath(id, { id: bin.id, rid: captureId } as never);
  return { call: { method: op.method, url: `${server.url}${path}`, body: body === undefined ? undefined : JSON.stringify(body) }, captureId };
}

const send = (call: Call, authorization?: string) =>
  fetch(call.url, {
    method: call.method,
    headers: { ...(call.body ? { "content-type": "application/json" } : {}), ...(authorization ? { authorization } : {}) },
    body: call.body,
  });

/** Everything a change could touch, read with the owner's key. */
async function snapshot(bin: CreatedBin, captureId: string) {
  const read = async (path: string) => {
    const res = await fetch(`${server.url}/api/bins/${bin.id}${path}`, { headers: manage(bin) });
    return [res.status, await res.json()];
  };
  const detail = await read("");
  // The count of the bin's captures aside, which nothing here changes without a key.
  return { detail, settings: await read("/settings"), captures: await read("/requests"), capture: await read(`/requests/${captureId}`) };
}

const captures = async (bin: CreatedBin) => (await (await fetch(`${server.url}/api/bins/${bin.id}/requests`)).json()).items.length as number;

describe("every change needs the bin's manage key", () => {
  it("finds the changing operations in the operation list", () => {
    expect(changing.map(([id]) => id)).toEqual(expect.arrayContaining(["deleteBin", "setForward", "setCustomResponse", "importSettings", "clearBin", "deleteCapture", "setPrivacy", "resend"]));
  });

  for (const [id, op] of changing) {
    it(`${id} (${op.method} ${op.path}): refused without the key, nothing changes; the owner's key works`, async () => {
      const bin = await createBin(server, { name: "owned", private: true });
      const stranger = await createBin(server);
      const target = await createBin(server);
      const { call, captureId } = await prepare(id, bin, target);
      const before = await snapshot(bin, captureId);
      const refused: [string, string | undefined][] = [
        ["no credential", undefined],
        ["the bin id as a bearer", `Bearer ${bin.id}`],
        ["another bin's manage key", `Bearer ${stranger.manageKey}`],
        ["the bin's view token", `Bearer ${bin.viewToken}`],
      ];
      for (const [what, authorization] of refused) {
        const res = await send(call, authorization);
        expect(res.status, what).toBe(403);
        expect(await res.json(), what).toMatchObject({ error: "forbidden", message: expect.stringContaining("manage key") });
        expect(await snapshot(bin, captureId), what).toEqual(before);
      }
      // Nothing went out either: a refused resend or forward never reached its target.
      expect(await captures(target)).toBe(0);

      const res = await send(call, `Bearer ${bin.manageKey}`);
      expect(res.status, await res.clone().text()).toBe(ownerAnswer[id] ?? op.status);
    });
  }

  it("answers 404 for an unknown bin whatever the credentials, and 400 for a bad body sent with a good key", async () => {
    const bin = await createBin(server);
    for (const authorization of [undefined, `Bearer ${bin.manageKey}`]) {
      const res = await send({ method: "DELETE", url: `${server.url}/api/bins/NoSuchBin0000000000000` }, authorization);
      expect(res.status).toBe(404);
      expect((await res.json()).error).toBe("bin_not_found");
    }
    const put = { method: "PUT", url: `${server.url}/api/bins/${bin.id}/response`, body: JSON.stringify({ status: 99 }) };
    expect((await send(put)).status).toBe(403);
    expect((await send(put, `Bearer ${bin.manageKey}`)).status).toBe(400);
  });

  it("lets the manage key read a private bin, and never puts it in an answer", async () => {
    const bin = await createBin(server, { private: true });
    expect(bin.manageKey).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(bin.manageKey).not.toBe(bin.viewToken);
    const read = await fetch(`${server.url}/api/bins/${bin.id}`, { headers: manage(bin) });
    expect(read.status).toBe(200);
    const text = await read.text();
    expect(JSON.parse(text)).toMatchObject({ private: true, managed: true });
    expect(text).not.toContain(bin.manageKey);
  });
});
