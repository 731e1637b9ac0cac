import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBin, manage, type CreatedBin, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";
import { closedPort, startWithEcho, until, withoutTransport, type Echo } from "./helpers/target.ts";

let server: TestServer;
let echo: Echo;
let stop: () => Promise<void>;
// Retries have their own tests (forward-retries.test.ts); here a retry taken after a test points the
// forward elsewhere would race its assertions on the first outcome.
beforeAll(async () => ({ server, echo, stop } = await startWithEcho({ FORWARD_RETRIES: "0" })));
afterAll(() => stop?.());

const setForward = (bin: CreatedBin, body: unknown) =>
  fetch(`${server.url}/api/bins/${bin.id}/forward`, { method: "PUT", headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify(body) });

const attemptsOf = async (binId: string, id: string) =>
  (await getJson(`${server.url}/api/bins/${binId}/requests/${id}`)).body.attempts as any[];

const N = 20;

describe("auto-forward", () => {
  it("never fails or holds up captures when the target is down, and records each failure", async () => {
    const bin = await createBin(server);
    const target = `http://127.0.0.1:${await closedPort()}/down`;
    expect((await setForward(bin, { url: target, enabled: true })).status).toBe(204);

    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) => rawRequest(`${bin.captureUrl}/n/${i}`, { method: "POST", body: `body ${i}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200));
    const ids = answers.map((a) => JSON.parse(a.body.toString()).id as string);

    for (const [i, id] of ids.entries()) {
      const [attempt] = await until(async () => {
        const attempts = await attemptsOf(bin.id, id);
        return attempts.length ? attempts : null;
      }, 10_000, `the forward attempt of capture ${i}`);
      expect(attempt).toMatchObject({ kind: "forward", method: "POST", url: `${target}/n/${i}`, status: null, error: expect.stringMatching(/refused/) });
    }
  });

  it("delivers every capture byte-exact once the target is up", async () => {
    const bin = await createBin(server);
    expect((await setForward(bin, { url: `${echo.url}/hooks?fixed=1`, enabled: true })).status).toBe(204);
    const sent = Array.from({ length: N }, (_, i) => {
      const body = Buffer.from(Array.from({ length: 300 + i }, (_, j) => (i * 31 + j) % 256));
      return {
        method: ["POST", "PUT", "PATCH", "DELETE", "PROPFIND"][i % 5],
        path: `/sub/${i}`,
        query: `n=${i}&x=%2F+y`,
        // Content-Length given explicitly: Node's client would not frame a DELETE body by itself.
        headers: [["X-Index", String(i)], ["content-type", "application/octet-stream"], ["X-Dup", "a"], ["Content-Length", String(body.length)], ["X-Dup", "b"]] as [string, string][],
        body,
      };
    });
    const answers = await Promise.all(
      sent.map((s) => rawRequest(server.url, { method: s.method, path: `/b/${bin.id}${s.path}?${s.query}`, headers: s.headers, body: s.body })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200));

    const arrived = () => echo.received.filter((r) => r.url.startsWith("/hooks/sub/"));
    await until(() => arrived().length >= N, 10_000, "all forwards");
    expect(arrived()).toHaveLength(N);
    for (const [i, s] of sent.entries()) {
      const got = arrived().find((r) => r.url === `/hooks/sub/${i}?fixed=1&n=${i}&x=%2F+y`);
      expect(got, `capture ${i}`).toBeDefined();
      expect(got!.method).toBe(s.method);
      // As sent, plus the mark that keeps a forward from being forwarded again.
      expect(withoutTransport(got!.headers)).toEqual([...withoutTransport(s.headers), ["X-Hookjar-Forwarded", bin.id]]);
      expect(got!.headers).toContainEqual(["Content-Length", String(s.body.length)]);
      expect(got!.body.equals(s.body), `body of capture ${i}`).toBe(true);
    }
    const id = JSON.parse(answers[0].body.toString()).id;
    expect(await until(() => attemptsOf(bin.id, id).then((a) => a[0]), 5000)).toMatchObject({ kind: "forward", status: 201, error: null });
  });

  it("replaces Host and drops hop-by-hop headers, framing the body itself", async () => {
    const bin = await createBin(server);
    await setForward(bin, { url: `${echo.url}/hop`, enabled: true });
    await rawRequest(`${bin.captureUrl}/h`, {
      method: "POST",
      headers: [["Transfer-Encoding", "chunked"], ["Connection", "keep-alive, X-Hop"], ["X-Hop", "1"], ["Proxy-Authorization", "x"], ["Keep-Alive", "timeout=5"], ["X-Kept", "yes"]],
      body: "chunked body",
    });
    const got = await until(() => echo.received.find((r) => r.url === "/hop/h"), 5000, "the forward");
    expect(got.headers).toEqual([
      ["Host", new URL(echo.url).host], ["X-Kept", "yes"], ["X-Hookjar-Forwarded", bin.id], ["Content-Length", "12"], ["Connection", "close"],
    ]);
    expect(got.body.toString()).toBe("chunked body");
  });

  it("does not forward a forward: a bin forwarding to itself takes one copy, not a loop", async () => {
    const bin = await createBin(server);
    await setForward(bin, { url: `${bin.captureUrl}/looped`, enabled: true });
    const first = JSON.parse((await rawRequest(`${bin.captureUrl}/start`, { method: "POST", body: "once" })).body.toString()).id;
    expect(await until(() => attemptsOf(bin.id, first).then((a) => a[0]), 5000)).toMatchObject({ kind: "forward", status: 200 });
    const list = async () => (await (await fetch(`${server.url}/api/bins/${bin.id}/requests`)).json()).items as { id: string; path: string }[];
    const copy = await until(() => list().then((items) => items.find((c) => c.path === "/looped/start")), 5000, "the forwarded copy");
    expect(await until(() => attemptsOf(bin.id, copy.id).then((a) => a[0]), 5000)).toMatchObject({
      kind: "forward", status: null, error: expect.stringMatching(/itself forwarded/),
    });
    // A forward of the copy would have been queued when the copy was captured, before the capture
    // below was even sent; forwards start in the order they were queued. So once this later capture's
    // own copy is stored and refused a forward in turn, a copy of the copy would be listed too.
    const end = JSON.parse((await rawRequest(`${bin.captureUrl}/end`, { method: "POST", body: "marker" })).body.toString()).id;
    expect(await until(() => attemptsOf(bin.id, end).then((a) => a[0]), 5000)).toMatchObject({ kind: "forward", status: 200 });
    const endCopy = await until(() => list().then((items) => items.find((c) => c.path === "/looped/end")), 5000, "the marker's copy");
    expect(await until(() => attemptsOf(bin.id, endCopy.id).then((a) => a[0]), 5000)).toMatchObject({ kind: "forward", status: null });
    expect((await list()).map((c) => c.path)).toEqual(["/looped/end", "/end", "/looped/start", "/start"]);
  });

  it("does nothing while disabled or removed", async () => {
    const bin = await createBin(server);
    await setForward(bin, { url: `${echo.url}/off`, enabled: false });
    const first = JSON.parse((await rawRequest(`${bin.captureUrl}/a`, { method: "POST" })).body.toString()).id;
    expect((await fetch(`${server.url}/api/bins/${bin.id}/forward`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    const second = JSON.parse((await rawRequest(`${bin.captureUrl}/b`, { method: "POST" })).body.toString()).id;
    // A marker capture to a forwarding bin shows the forwarder has run past the two above.
    const marker = await createBin(server);
    await setForward(marker, { url: `${echo.url}/marker`, enabled: true });
    await rawRequest(`${marker.captureUrl}/m`, { method: "POST" });
    await until(() => echo.received.some((r) => r.url === "/marker/m"), 5000, "the marker");
    expect(echo.received.some((r) => r.url.startsWith("/off"))).toBe(false);
    expect(await attemptsOf(bin.id, first)).toEqual([]);
    expect(await attemptsOf(bin.id, second)).toEqual([]);
  });

  it("marks a failed forward on its capture and on the bin, until a later forward succeeds", async () => {
    const bin = await createBin(server);
    const down = `http://127.0.0.1:${await closedPort()}/down`;
    await setForward(bin, { url: down, enabled: true });
    const failed = JSON.parse((await rawRequest(`${bin.captureUrl}/one`, { method: "POST", body: "1" })).body.toString()).id;
    const summary = async (id: string) =>
      ((await getJson(`${server.url}/api/bins/${bin.id}/requests`)).body.items as any[]).find((c) => c.id === id);
    const failure = { ok: false, status: null, error: expect.stringMatching(/refused/), url: `${down}/one`, at: expect.any(String) };
    expect(await until(() => summary(failed).then((c) => c.forward), 10_000, "the failed forward")).toEqual(failure);
    expect((await getJson(`${server.url}/api/bins/${bin.id}/requests/${failed}`)).body.forward).toEqual(failure);
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.lastForward).toEqual(failure);

    await setForward(bin, { url: `${echo.url}/up`, enabled: true });
    const delivered = JSON.parse((await rawRequest(`${bin.captureUrl}/two`, { method: "POST", body: "2" })).body.toString()).id;
    const success = { ok: true, status: 201, error: null, url: `${echo.url}/up/two`, at: expect.any(String) };
    expect(await until(() => summary(delivered).then((c) => c.forward), 10_000, "the forward")).toEqual(success);
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.lastForward).toEqual(success);
    // Each capture keeps its own outcome.
    expect((await summary(failed)).forward).toEqual(failure);
  });

  it("answers lastForward null for a bin that never forwarded, and documents both fields", async () => {
    const bin = await createBin(server);
    await rawRequest(bin.captureUrl, { method: "POST" });
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.lastForward).toBeNull();
    expect((await getJson(`${server.url}/api/bins/${bin.id}/requests`)).body.items[0].forward).toBeNull();
    const { schemas } = (await getJson(`${server.url}/api/openapi.json`)).body.components;
    expect(schemas.BinDetail.required).toContain("lastForward");
    expect(schemas.CapturePage.properties.items.items.required).toContain("forward");
  });
});
