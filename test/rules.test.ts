import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, rawRequest } from "./helpers/http.ts";
import { createBin, manage, startServer, type CreatedBin, type TestServer } from "./helpers/server.ts";
import { until } from "./helpers/target.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ HANG_MAX_MS: "1500" });
});
afterAll(async () => server?.stop());

const json = { "content-type": "application/json" };
const putRules = (bin: CreatedBin, rules: unknown) =>
  fetch(`${server.url}/api/bins/${bin.id}/rules`, { method: "PUT", headers: { ...json, ...manage(bin) }, body: JSON.stringify({ rules }) });
const respond = (status: number, body = "", extra: Record<string, unknown> = {}) => ({ status, headers: [], body, delayMs: 0, ...extra });
const send = (url: string, options: Parameters<typeof rawRequest>[1] = {}) => rawRequest(url, { method: "POST", ...options });
const stored = async (binId: string) => (await getJson(`${server.url}/api/bins/${binId}/requests?limit=200`)).body.items;
const capture = async (binId: string, id: string) => (await getJson(`${server.url}/api/bins/${binId}/requests/${id}`)).body;

describe("rules API", () => {
  it("saves an ordered list with ids (given ones kept), reads it back and deletes it", async () => {
    const bin = await createBin(server);
    const res = await putRules(bin, [
      { id: "mine", name: "GitHub pushes", match: { path: "/github/*" }, respond: respond(202) },
      { match: { method: "GET" }, respond: respond(200, "hi"), enabled: false },
    ]);
    expect(res.status).toBe(200);
    const { rules } = await res.json();
    expect(rules.map((r: any) => r.id)).toEqual(["mine", expect.stringMatching(/^r_\w{10}$/)]);
    expect(rules[1]).toMatchObject({ enabled: false, match: { method: "GET" }, respond: { status: 200, body: "hi", headers: [], delayMs: 0 } });
    expect((await getJson(`${server.url}/api/bins/${bin.id}/rules`)).body).toEqual({ rules });
    expect((await fetch(`${server.url}/api/bins/${bin.id}/rules`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    expect((await getJson(`${server.url}/api/bins/${bin.id}/rules`)).body).toEqual({ rules: [] });
  });

  it("refuses an invalid list whole, saying where, and keeps the rules it had", async () => {
    const bin = await createBin(server);
    await putRules(bin, [{ id: "keep", respond: respond(200, "kept") }]);
    const cases = [
      [{ respond: respond(200) }, { respond: respond(99) }],
      [{ respond: respond(200, "{{#unclosed}}") }],
      [{ respond: respond(200), fault: { kind: "fail_first", count: 0 } }],
      [{ respond: respond(200), fault: { kind: "fail_rate", rate: 0.5, status: 200 } }],
      [{ respond: respond(200), match: { path: "no-slash" } }],
      [{ id: "a", respond: respond(200) }, { id: "a", respond: respond(200) }],
      Array.from({ length: 51 }, () => ({ respond: respond(200) })),
    ];
    for (const rules of cases) {
      const res = await putRules(bin, rules);
      expect(res.status, JSON.stringify(rules).slice(0, 80)).toBe(400);
      const body = await res.json();
      expect(body).toMatchObject({ error: "invalid_request", message: expect.any(String), issues: expect.any(Array) });
    }
    expect((await putRules(bin, [{ respond: respond(200) }, { respond: respond(99) }]).then((r) => r.json())).issues[0].path).toEqual(["rules", 1, "respond", "status"]);
    expect((await send(bin.captureUrl)).body.toString()).toBe("kept");
  });
});

describe("answering with rules", () => {
  it("answers with the first enabled match, then the custom response, then the default — and records it", async () => {
    const bin = await createBin(server);
    await putRules(bin, [
      { id: "off", enabled: false, respond: respond(500, "never") },
      { id: "push", name: "push", match: { method: "POST", path: "/github/*", header: "X-GitHub-Event:push" }, respond: respond(202, "push") },
      { id: "github", match: { path: "/github/**" }, respond: respond(201, "any github", { headers: [["X-Rule", "github"]] }) },
      { id: "invoice", match: { bodyContains: "invoice.paid" }, respond: respond(200, "invoice") },
    ]);
    const a = await send(`${bin.captureUrl}/github/x`, { headers: [["X-GitHub-Event", "push"]] });
    expect([a.status, a.body.toString()]).toEqual([202, "push"]);
    const b = await send(`${bin.captureUrl}/github/x/y`, { headers: [["X-GitHub-Event", "ping"]] });
    expect([b.status, b.body.toString(), b.headers["x-rule"]]).toEqual([201, "any github", "github"]);
    const c = await send(`${bin.captureUrl}/stripe`, { body: '{"type":"invoice.paid"}' });
    expect(c.body.toString()).toBe("invoice");
    const d = await send(`${bin.captureUrl}/other`);
    expect(d.status).toBe(200);
    expect(JSON.parse(d.body.toString())).toMatchObject({ ok: true });

    await fetch(`${server.url}/api/bins/${bin.id}/response`, { method: "PUT", headers: { ...json, ...manage(bin) }, body: JSON.stringify(respond(418, "teapot")) });
    const e = await send(`${bin.captureUrl}/other`);
    expect([e.status, e.body.toString()]).toEqual([418, "teapot"]);

    const items = await stored(bin.id);
    expect(items.map((i: any) => [i.path, i.responseStatus])).toEqual([
      ["/other", 418], ["/other", 200], ["/stripe", 200], ["/github/x/y", 201], ["/github/x", 202],
    ]);
    expect((await capture(bin.id, items[4].id)).response).toEqual({ status: 202, ruleId: "push", ruleName: "push", fault: null, delayMs: 0 });
    expect((await capture(bin.id, items[0].id)).response).toEqual({ status: 418, ruleId: null, ruleName: null, fault: null, delayMs: 0 });
  });

  it("renders templates from the request; unknown fields are empty; injection stays inert", async () => {
    const bin = await createBin(server);
    await putRules(bin, [{
      id: "echo",
      respond: respond(200, '{"m":"{{method}}","p":"{{path}}","q":"{{query.x}}","h":"{{header.x-event}}","j":"{{json.a.b.0}}","id":"{{captureId}}","u":"{{nope}}","p2":"{{json.constructor}}"}', {
        headers: [["Content-Type", "application/json"], ["X-Echo", "{{json.a.b.0}}"]],
      }),
    }]);
    const res = await send(`${bin.captureUrl}/hook?x=1`, { headers: [["X-EVENT", "push"]], body: '{"a":{"b":["first"]}}' });
    const answered = JSON.parse(res.body.toString());
    const [item] = await stored(bin.id);
    expect(answered).toEqual({ m: "POST", p: "/hook", q: "1", h: "push", j: "first", id: item.id, u: "", p2: "" });
    expect(res.headers["x-echo"]).toBe("first");

    const evil = await send(`${bin.captureUrl}/hook?x={{captureId}}`, { body: '{"a":{"b":["{{method}}\\r\\nSet-Cookie: pwned=1"]}}' });
    expect(evil.status).toBe(200);
    // Request text is data: a template tag inside it is sent back as typed, never rendered.
    expect(evil.body.toString()).toContain('"q":"{{captureId}}"');
    expect(evil.body.toString()).toContain('"j":"{{method}}\r\nSet-Cookie: pwned=1"');
    expect(evil.headers["set-cookie"]).toBeUndefined();
    expect(evil.headers["x-echo"]).toBe("{{method}}  Set-Cookie: pwned=1");
    expect((await send(`${bin.captureUrl}/after`)).status).toBe(200);
  });
});

describe("faults", () => {
  it("fail_first 2: each delivery id fails twice then succeeds; a new id starts over; saving resets", async () => {
    const bin = await createBin(server);
    const rules = [{ id: "flaky", name: "flaky receiver", respond: respond(200, "ok"), fault: { kind: "fail_first", count: 2 } }];
    await putRules(bin, rules);
    const deliver = async (id: string) => (await send(`${bin.captureUrl}/hook`, { headers: [["X-GitHub-Delivery", id]], body: "{}" })).status;
    expect([await deliver("d1"), await deliver("d1"), await deliver("d1"), await deliver("d1")]).toEqual([503, 503, 200, 200]);
    expect([await deliver("d2"), await deliver("d2"), await deliver("d2")]).toEqual([503, 503, 200]);
    await putRules(bin, rules);
    expect([await deliver("d1"), await deliver("d1"), await deliver("d1")]).toEqual([503, 503, 200]);
    const items = await stored(bin.id);
    expect(items).toHaveLength(10);
    expect(items.map((i: any) => i.responseStatus).reverse()).toEqual([503, 503, 200, 200, 503, 503, 200, 503, 503, 200]);
    expect((await capture(bin.id, items[1].id)).response).toEqual({ status: 503, ruleId: "flaky", ruleName: "flaky receiver", fault: "fail_first", delayMs: 0 });
    expect((await capture(bin.id, items[0].id)).response).toEqual({ status: 200, ruleId: "flaky", ruleName: "flaky receiver", fault: null, delayMs: 0 });
  });

  it("fail_rate 0.5 fails about half of 200 requests, with the status asked for", async () => {
    const bin = await createBin(server);
    await putRules(bin, [{ respond: respond(200), fault: { kind: "fail_rate", rate: 0.5, status: 502 } }]);
    const statuses = [];
    for (let i = 0; i < 200; i++) statuses.push((await send(bin.captureUrl)).status);
    const failed = statuses.filter((s) => s === 502).length;
    expect(failed).toBeGreaterThanOrEqual(60);
    expect(failed).toBeLessThanOrEqual(140);
    expect(statuses.filter((s) => s !== 502 && s !== 200)).toEqual([]);
  });

  it("hang holds the sender until HANG_MAX_MS while other bins answer; reset resets the connection", async () => {
    const stuck = await createBin(server);
    const other = await createBin(server);
    await putRules(stuck, [{ id: "h", respond: respond(200), fault: { kind: "hang" } }]);
    const events: string[] = [];
    const hung = send(stuck.captureUrl).then(
      (r) => events.push(`answered ${r.status}`),
      (e: Error) => events.push(`closed: ${e.message}`),
    );
    // A capture is stored before it is answered (here: held): once listed, the sender is being held.
    await until(async () => (await stored(stuck.id)).length === 1, 5000, "the held capture to be stored");
    const quick = await send(other.captureUrl);
    events.push(`other ${quick.status}`);
    await hung;
    expect(events).toEqual(["other 200", "closed: socket hang up"]);
    const [held] = await stored(stuck.id);
    expect(held.responseStatus).toBeNull();
    expect((await capture(stuck.id, held.id)).response).toEqual({ status: null, ruleId: "h", ruleName: null, fault: "hang", delayMs: 0 });

    const reset = await createBin(server);
    await putRules(reset, [{ respond: respond(200), fault: { kind: "reset" } }]);
    await expect(send(reset.captureUrl, { body: "x" })).rejects.toThrow(/ECONNRESET|socket hang up/);
    expect((await stored(reset.id))[0]).toMatchObject({ responseStatus: null });
  });
});

describe("settings export and import", () => {
  it("moves a bin's mock — name, custom response and rules — to another bin; a bad document changes nothing", async () => {
    const source = await createBin(server, { name: "stripe mock" });
    await putRules(source, [{ id: "paid", name: "paid", match: { bodyContains: "invoice.paid" }, respond: respond(200, "{{json.id}}") }]);
    await fetch(`${server.url}/api/bins/${source.id}/response`, { method: "PUT", headers: { ...json, ...manage(source) }, body: JSON.stringify(respond(202, "fallback")) });
    const exported = (await getJson(`${server.url}/api/bins/${source.id}/settings`)).body;
    expect(exported).toMatchObject({ name: "stripe mock", response: { status: 202 }, forward: null, rules: [{ id: "paid", name: "paid" }] });

    const target = await createBin(server);
    const importSettings = (body: unknown) =>
      fetch(`${server.url}/api/bins/${target.id}/settings`, { method: "PUT", headers: { ...json, ...manage(target) }, body: JSON.stringify(body) });
    const bad = await importSettings({ ...exported, rules: [...exported.rules, { respond: respond(700) }] });
    expect(bad.status).toBe(400);
    expect((await getJson(`${server.url}/api/bins/${target.id}/settings`)).body).toEqual({ name: null, response: null, forward: null, rules: [] });

    expect((await importSettings(exported)).status).toBe(204);
    expect((await getJson(`${server.url}/api/bins/${target.id}/settings`)).body).toEqual(exported);
    expect((await send(target.captureUrl, { body: '{"id":"evt_1","type":"invoice.paid"}' })).body.toString()).toBe("evt_1");
    expect((await send(target.captureUrl)).body.toString()).toBe("fallback");
  });
});

