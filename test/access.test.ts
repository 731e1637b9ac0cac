import { cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../lib/store/db.ts";
import { operationPath, operations, type Operation, type OperationId } from "../lib/schemas/operations.ts";
import { rawRequest } from "./helpers/http.ts";
import { createBin, manage, startServer, type CreatedBin, type TestServer } from "./helpers/server.ts";

// Who may change a bin: every changing operation of the operation list, tried with each credential
// that must not be enough, then with the owner's key.

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ RESEND_RATE_PER_MIN: "2" });
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
  startReplay: { url: target, captureIds: [captureId], timing: "none" },
});

/**
 * What the owner's key gets where the change needs state this test does not set up: past the guard,
 * the operation's own 404 (no forward retry waits for the capture).
 */
const ownerAnswer: Partial<Record<OperationId, number>> = { retryForward: 404, giveUpForward: 404 };

type Call = { method: string; url: string; body?: string };

/** A replay of the bin's capture by its owner, to a bin of its own, run to its end (so nothing changes under the test). */
async function finishedReplay(bin: CreatedBin, captureId: string): Promise<string> {
  const sink = await createBin(server);
  const started = await fetch(`${server.url}/api/bins/${bin.id}/replays`, {
    method: "POST",
    headers: { "content-type": "application/json", ...manage(bin) },
    body: JSON.stringify({ url: sink.captureUrl, captureIds: [captureId], timing: "none" }),
  });
  const { id } = await started.json();
  await expect.poll(async () => (await (await fetch(`${server.url}/api/replays/${id}`, { headers: manage(bin) })).json()).state).toBe("done");
  return id;
}

async function prepare(id: OperationId, bin: CreatedBin, target: CreatedBin): Promise<{ call: Call; captureId: string }> {
  const op: Operation = operations[id];
  const captureId = JSON.parse((await rawRequest(`${bin.captureUrl}/first`, { method: "POST", body: "kept" })).body.toString()).id as string;
  const body = bodies(captureId, target.captureUrl)[id];
  if (op.body) expect(body, `a sample body for ${id} in this test`).toBeDefined();
  const replayId = op.path.includes("{replayId}") ? await finishedReplay(bin, captureId) : undefined;
  const path = operationPath(id, { id: bin.id, rid: captureId, replayId } as never);
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

  it("declares it in OpenAPI: each changing operation takes the manage key or the admin token and documents 403", async () => {
    const document = await (await fetch(`${server.url}/api/openapi.json`)).json();
    for (const [id, op] of changing) {
      const described = document.paths[op.path][op.method.toLowerCase()];
      expect(described.responses["403"], id).toBeDefined();
      expect(described.security, id).toEqual(expect.arrayContaining([{ manageKey: [] }, { adminToken: [] }]));
      expect(described.security, id).not.toContainEqual({ viewToken: [] });
    }
    expect(document.paths["/api/admin/bins"].get.security).toEqual([{ adminToken: [] }]);
    expect(Object.keys(document.components.securitySchemes)).toEqual(expect.arrayContaining(["manageKey", "viewToken", "adminToken"]));
  });

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

const json = { "content-type": "application/json" };
const putResponse = (on: TestServer, binId: string, authorization?: string) =>
  fetch(`${on.url}/api/bins/${binId}/response`, { method: "PUT", headers: { ...json, ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ status: 202 }) });
const rotate = (on: TestServer, binId: string, authorization?: string) =>
  fetch(`${on.url}/api/bins/${binId}/manage-key`, { method: "POST", headers: authorization ? { authorization } : {} });
const freeResend = (on: TestServer, headers: Record<string, string> = {}) =>
  fetch(`${on.url}/api/resend`, { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify({ method: "GET", url: `${on.url}/healthz`, headers: [] }) });

describe("rotating the manage key", () => {
  it("answers a new key once; the old one stops working, the new one works", async () => {
    const bin = await createBin(server);
    expect((await rotate(server, bin.id)).status).toBe(403);
    const rotated = await rotate(server, bin.id, `Bearer ${bin.manageKey}`);
    expect(rotated.status).toBe(200);
    const { manageKey } = await rotated.json();
    expect(manageKey).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(manageKey).not.toBe(bin.manageKey);
    expect((await putResponse(server, bin.id, `Bearer ${bin.manageKey}`)).status).toBe(403);
    expect((await rotate(server, bin.id, `Bearer ${bin.manageKey}`)).status).toBe(403);
    expect((await putResponse(server, bin.id, `Bearer ${manageKey}`)).status).toBe(204);
  });
});

describe("free resends (no captureId)", () => {
  it("are limited per client address, with Retry-After; a forged X-Forwarded-For does not reset the count", async () => {
    expect((await freeResend(server)).status).toBe(200);
    expect((await freeResend(server, { "x-forwarded-for": "203.0.113.9" })).status).toBe(200);
    const limited = await freeResend(server, { "x-forwarded-for": "198.51.100.1" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: "rate_limited", message: expect.stringContaining("2 free requests a minute") });
    // A resend that records an attempt is the bin owner's, not a free request: not counted.
    const bin = await createBin(server);
    const captureId = JSON.parse((await rawRequest(bin.captureUrl, { method: "POST" })).body.toString()).id;
    const owned = await fetch(`${server.url}/api/resend`, { method: "POST", headers: { ...json, ...manage(bin) }, body: JSON.stringify({ method: "GET", url: `${server.url}/healthz`, headers: [], captureId }) });
    expect(owned.status).toBe(200);
  });
});

describe("the admin token, with CREATE_BINS=admin", () => {
  it("refuses to start with CREATE_BINS=admin and no ADMIN_TOKEN, which would let nobody create a bin", async () => {
    await expect(startServer({ CREATE_BINS: "admin" })).rejects.toThrow(/Hookjar cannot start: invalid configuration: CREATE_BINS=admin needs ADMIN_TOKEN/);
  });

  const ADMIN = "operator-secret-for-tests-0123456789";
  const admin = { authorization: `Bearer ${ADMIN}` };
  let locked: TestServer;
  beforeAll(async () => {
    locked = await startServer({ ADMIN_TOKEN: ADMIN, CREATE_BINS: "admin", RESEND_RATE_PER_MIN: "1" });
  });
  afterAll(() => locked?.stop());

  const create = (headers: Record<string, string> = {}, body: unknown = {}) =>
    fetch(`${locked.url}/api/bins`, { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify(body) });

  it("creates bins only for the admin token; capturing stays open", async () => {
    for (const headers of [{}, { authorization: "Bearer not-the-admin-token" }] as Record<string, string>[]) {
      const refused = await create(headers);
      expect(refused.status).toBe(401);
      expect((await refused.json()).error).toBe("unauthorized");
    }
    const made = await create(admin);
    expect(made.status).toBe(201);
    const bin = await made.json();
    expect((await rawRequest(bin.captureUrl, { method: "POST", body: "open" })).status).toBe(200);
  });

  it("acts as every bin's manage key and view token, and can set a new key", async () => {
    const one = (await (await create(admin, { private: true })).json()) as CreatedBin;
    const two = (await (await create(admin)).json()) as CreatedBin;
    expect((await fetch(`${locked.url}/api/bins/${one.id}`, { headers: admin })).status).toBe(200);
    expect((await putResponse(locked, one.id, admin.authorization)).status).toBe(204);
    expect((await putResponse(locked, two.id, admin.authorization)).status).toBe(204);
    // A wrong token is no admin token.
    expect((await putResponse(locked, two.id, `Bearer ${ADMIN}x`)).status).toBe(403);
    const reset = await rotate(locked, two.id, admin.authorization);
    expect(reset.status).toBe(200);
    const { manageKey } = await reset.json();
    expect((await putResponse(locked, two.id, `Bearer ${two.manageKey}`)).status).toBe(403);
    expect((await putResponse(locked, two.id, `Bearer ${manageKey}`)).status).toBe(204);
    expect((await fetch(`${locked.url}/api/bins/${two.id}`, { method: "DELETE", headers: admin })).status).toBe(204);
  });

  it("lists every bin with its count and last capture, for the admin token only", async () => {
    const bin = (await (await create(admin, { name: "listed", private: true })).json()) as CreatedBin;
    await rawRequest(bin.captureUrl, { method: "POST", body: "1" });
    const last = JSON.parse((await rawRequest(bin.captureUrl, { method: "POST", body: "2" })).body.toString()).id;
    const lastAt = (await (await fetch(`${locked.url}/api/bins/${bin.id}/requests/${last}`, { headers: admin })).json()).receivedAt;
    for (const authorization of [undefined, `Bearer ${bin.manageKey}`, `Bearer ${bin.viewToken}`, `Bearer ${bin.id}`]) {
      const refused = await fetch(`${locked.url}/api/admin/bins`, { headers: authorization ? { authorization } : {} });
      expect(refused.status, String(authorization)).toBe(401);
      expect((await refused.json()).error).toBe("unauthorized");
    }
    const listed = await fetch(`${locked.url}/api/admin/bins`, { headers: admin });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    const { items } = JSON.parse(text);
    expect(items.find((b: { id: string }) => b.id === bin.id)).toEqual({ id: bin.id, name: "listed", private: true, managed: true, requestCount: 2, createdAt: expect.any(String), lastCaptureAt: lastAt });
    expect(text).not.toContain(bin.manageKey);
  });

  it("sends free resends for the admin token only, still limited per client address", async () => {
    expect((await freeResend(locked)).status).toBe(401);
    expect((await freeResend(locked, admin)).status).toBe(200);
    const limited = await freeResend(locked, admin);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  });

  it("answers 401 on the admin list where no ADMIN_TOKEN is set", async () => {
    expect((await fetch(`${server.url}/api/admin/bins`, { headers: { authorization: "Bearer " } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/admin/bins`)).status).toBe(401);
  });
});

describe("bins from before manage keys", () => {
  const PRISMA = path.resolve(import.meta.dirname, "../prisma");
  const migrations = readdirSync(path.join(PRISMA, "migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

  it("keep working after the upgrade, open to changes as before, and can be given a key", async () => {
    // A database as the previous release left it: every migration before manage_keys, and a bin.
    const dir = mkdtempSync(path.join(tmpdir(), "hookjar-before-keys-"));
    const before = migrations.slice(0, migrations.findIndex((name) => name.endsWith("_manage_keys")));
    for (const name of before) cpSync(path.join(PRISMA, "migrations", name), path.join(dir, "migrations", name), { recursive: true });
    const dbFile = path.join(dir, "hookjar.db");
    await migrate(`file:${dbFile}`, dir);
    const db = new Database(dbFile);
    db.prepare(`INSERT INTO "Bin" ("id", "name", "createdAt") VALUES ('OldBin0000000000000001', 'old', CURRENT_TIMESTAMP)`).run();
    db.close();

    const upgraded = await startServer({}, dbFile);
    try {
      const id = "OldBin0000000000000001";
      expect((await rawRequest(`${upgraded.url}/b/${id}/still`, { method: "POST" })).status).toBe(200);
      expect((await (await fetch(`${upgraded.url}/api/bins/${id}`)).json())).toMatchObject({ name: "old", managed: false, requestCount: 1 });
      // Nobody is locked out: changes work without a key, as they did.
      expect((await putResponse(upgraded, id)).status).toBe(204);
      // Protecting it: its first key, from whoever may change it now.
      const given = await rotate(upgraded, id);
      expect(given.status).toBe(200);
      const { manageKey } = await given.json();
      expect((await (await fetch(`${upgraded.url}/api/bins/${id}`)).json()).managed).toBe(true);
      expect((await putResponse(upgraded, id)).status).toBe(403);
      expect((await rotate(upgraded, id)).status).toBe(403);
      expect((await putResponse(upgraded, id, `Bearer ${manageKey}`)).status).toBe(204);
    } finally {
      await upgraded.stop();
    }
  });
});

describe("HOOKJAR_BINS_FILE", () => {
  it("gives a provisioned bin the manage key the file names", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hookjar-bins-keys-"));
    const file = path.join(dir, "bins.json");
    const manageKey = "provisioned-key-0123456789abcdefXYZ";
    writeFileSync(file, JSON.stringify({ bins: [{ id: "keyed-bin-01", manageKey }, { id: "open-bin-01" }] }));
    const provisioned = await startServer({ HOOKJAR_BINS_FILE: file });
    try {
      expect((await putResponse(provisioned, "keyed-bin-01")).status).toBe(403);
      expect((await putResponse(provisioned, "keyed-bin-01", `Bearer ${manageKey}`)).status).toBe(204);
      // Without a key in the file, a new bin is open to changes, as bins from before keys are.
      expect((await putResponse(provisioned, "open-bin-01")).status).toBe(204);
      expect(provisioned.logs()).not.toContain(manageKey);
    } finally {
      await provisioned.stop();
    }
  });
});
