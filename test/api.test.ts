import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBin, manage, startServer, type TestServer } from "./helpers/server.ts";
import { getJson, rawRequest } from "./helpers/http.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const api = (path: string, init?: RequestInit) => fetch(`${server.url}/api${path}`, init);
const post = (path: string, body: unknown) =>
  api(path, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("bins", () => {
  it("creates a bin with an unguessable id and its URLs", async () => {
    const res = await post("/bins", { name: "Stripe staging" });
    expect(res.status).toBe(201);
    const bin = await res.json();
    expect(bin.id).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(bin.name).toBe("Stripe staging");
    expect(bin.captureUrl).toBe(`${server.url.replace("127.0.0.1", "127.0.0.1")}/b/${bin.id}`);
    expect(bin.inspectUrl).toBe(`${server.url}/bins/${bin.id}`);
    expect(new Date(bin.createdAt).toISOString()).toBe(bin.createdAt);
    const other = await (await post("/bins", {})).json();
    expect(other.id).not.toBe(bin.id);
  });

  it("accepts an empty body", async () => {
    expect((await api("/bins", { method: "POST" })).status).toBe(201);
  });

  it("rejects malformed input with 400 and Zod issues", async () => {
    const res = await post("/bins", { name: 42 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe("invalid_request");
    expect(body.message).toMatch(/name/);
    expect(body.issues[0].path).toEqual(["name"]);

    const long = await post("/bins", { name: "x".repeat(81) });
    expect(long.status).toBe(400);
    // One sentence per field, for people: no Zod wording, no "Invalid request at …" wrapper.
    expect(await long.json()).toEqual({
      error: "invalid_request",
      message: "The name can be at most 80 characters.",
      issues: [{ path: ["name"], message: "The name can be at most 80 characters." }],
    });
    const two = await (await post("/bins", { name: 42, private: "yes" })).json();
    expect(two.message).toBe("The name must be text. The private setting must be true or false.");
    expect(two.issues.map((i: { message: string }) => i.message)).toEqual(["The name must be text.", "The private setting must be true or false."]);

    const huge = await post("/bins", JSON.stringify({ name: "x".repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: "payload_too_large", limit: 2 * 1024 * 1024 });

    const notJson = await post("/bins", "{nope");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toBe("invalid_json");
  });

  it("gets a bin with its request count, and 404s an unknown one", async () => {
    const bin = await createBin(server);
    await rawRequest(bin.captureUrl, { method: "POST", body: "1" });
    const got = await getJson(`${server.url}/api/bins/${bin.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: bin.id, requestCount: 1, response: null });
    const missing = await getJson(`${server.url}/api/bins/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: "bin_not_found", message: expect.any(String) });
  });

  it("answers 404 bin_not_found on every bin route of an unknown bin", async () => {
    const json = { "content-type": "application/json" };
    const calls: [string, string, RequestInit?][] = [
      ["GET", "/bins/NoSuchBin0000000000000/requests"],
      ["DELETE", "/bins/NoSuchBin0000000000000/requests"],
      ["GET", "/bins/NoSuchBin0000000000000/requests/01M8AAAAAAAAAAAAAAAAAAAAAA"],
      ["GET", "/bins/NoSuchBin0000000000000/export"],
      ["PUT", "/bins/NoSuchBin0000000000000/response", { headers: json, body: JSON.stringify({ status: 200 }) }],
      ["DELETE", "/bins/NoSuchBin0000000000000/response"],
      ["PUT", "/bins/NoSuchBin0000000000000/forward", { headers: json, body: JSON.stringify({ url: "http://127.0.0.1:9/x" }) }],
      ["DELETE", "/bins/NoSuchBin0000000000000/forward"],
    ];
    for (const [method, path, init] of calls) {
      const res = await api(path, { method, ...init });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await res.json()).error, `${method} ${path}`).toBe("bin_not_found");
    }
  });

  it("answers unknown API paths and malformed token cookies in the error shape", async () => {
    const unknown = await api("/nope/at/all", { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "not_found", message: expect.stringMatching(/openapi/) });
    const bin = await createBin(server, { private: true });
    const bad = await api(`/bins/${bin.id}`, { headers: { cookie: `hookjar_${bin.id}=%E0%A4%A` } });
    expect(bad.status).toBe(401);
  });

  it("answers a known path called with another method with 405 method_not_allowed and Allow", async () => {
    const bin = await createBin(server);
    const rid = JSON.parse((await rawRequest(bin.captureUrl, { method: "POST" })).body.toString()).id;
    const cases: [string, string, string][] = [
      ["PUT", "/bins", "POST"],
      ["POST", `/bins/${bin.id}`, "GET, DELETE"],
      ["PATCH", `/bins/${bin.id}/requests`, "GET, DELETE"],
      ["POST", `/bins/${bin.id}/requests/${rid}`, "GET, DELETE"],
      ["DELETE", `/bins/${bin.id}/requests/${rid}/body`, "GET"],
      ["GET", `/bins/${bin.id}/response`, "PUT, DELETE"],
      ["POST", `/bins/${bin.id}/forward`, "PUT, DELETE"],
      ["DELETE", `/bins/${bin.id}/export`, "GET"],
      ["GET", "/resend", "POST"],
    ];
    for (const [method, path, allowed] of cases) {
      const res = await api(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow"), `${method} ${path}`).toContain(allowed);
      expect(await res.json(), `${method} ${path}`).toMatchObject({ error: "method_not_allowed", message: expect.stringContaining(method) });
      // OPTIONS, which every Allow lists, names the same methods.
      const options = await api(path, { method: "OPTIONS" });
      expect(options.status, `OPTIONS ${path}`).toBe(204);
      expect(options.headers.get("allow"), `OPTIONS ${path}`).toBe(res.headers.get("allow"));
    }
    expect((await api(`/bins/${bin.id}`)).status).toBe(200);
  });

  it("deletes a bin with its captures", async () => {
    const bin = await createBin(server);
    const sent = await rawRequest(bin.captureUrl, { method: "POST", body: "1" });
    const rid = JSON.parse(sent.body.toString()).id;
    expect((await api(`/bins/${bin.id}`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    expect((await api(`/bins/${bin.id}`)).status).toBe(404);
    expect((await api(`/bins/${bin.id}/requests/${rid}`)).status).toBe(404);
    expect((await rawRequest(bin.captureUrl, { method: "POST" })).status).toBe(404);
    expect((await api(`/bins/${bin.id}`, { method: "DELETE", headers: manage(bin) })).status).toBe(404);
  });
});

describe("captures", () => {
  it("lists newest first with a cursor that walks every capture exactly once", async () => {
    const bin = await createBin(server);
    for (let i = 0; i < 7; i++) await rawRequest(`${bin.captureUrl}/n/${i}`, { method: "POST" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await getJson(`${server.url}/api/bins/${bin.id}/requests?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((c: any) => c.path));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["/n/6", "/n/5", "/n/4", "/n/3", "/n/2", "/n/1", "/n/0"]);
  });

  it("returns CaptureSummary fields with ms-precision UTC time", async () => {
    const bin = await createBin(server);
    await rawRequest(`${bin.captureUrl}/s?x=1`, { method: "PUT", headers: [["Content-Type", "text/plain"]], body: "hey" });
    const { body } = await getJson(`${server.url}/api/bins/${bin.id}/requests`);
    expect(Object.keys(body.items[0]).sort()).toEqual(
      ["binId", "bodySize", "contentType", "id", "method", "path", "query", "receivedAt", "remoteAddress", "responseStatus", "seq", "deliveryId", "duplicateOf", "bodySha256", "forward", "fault", "scheme"].sort(),
    );
    expect(body.items[0].seq).toBeGreaterThan(0);
    expect(body.items[0].responseStatus).toBe(200);
    expect(body.items[0]).toMatchObject({ binId: bin.id, method: "PUT", path: "/s", query: "x=1", contentType: "text/plain", bodySize: 3, remoteAddress: "127.0.0.1" });
    expect(body.items[0].receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(body.items[0].receivedAt) - Date.now())).toBeLessThan(60_000);
  });

  it("returns a full capture with headers, http version, utf8 body and attempts", async () => {
    const bin = await createBin(server);
    const sent = await rawRequest(`${bin.captureUrl}/full`, { method: "POST", headers: [["X-Hi", "there"]], body: "héllo ✓" });
    const rid = JSON.parse(sent.body.toString()).id;
    const { body } = await getJson(`${server.url}/api/bins/${bin.id}/requests/${rid}`);
    expect(body.httpVersion).toBe("1.1");
    expect(body.headers).toContainEqual(["X-Hi", "there"]);
    expect(body.body).toEqual({ encoding: "utf8", data: "héllo ✓" });
    expect(body.attempts).toEqual([]);
  });

  it("filters by method, text and header, and keeps paginating within the filter", async () => {
    const bin = await createBin(server);
    const send = (method: string, path: string, headers: [string, string][], body: string) =>
      rawRequest(`${bin.captureUrl}${path}`, { method, headers, body });
    await send("POST", "/github?event=push", [["X-GitHub-Event", "push"]], '{"ref":"refs/heads/main"}');
    await send("POST", "/stripe", [["Stripe-Signature", "t=1,v1=abc"]], '{"type":"invoice.Paid"}');
    await send("PUT", "/other", [["X-GitHub-Event", "ping"]], "zen");
    await send("POST", "/bin", [["X-Bin", "1"]], "\x00\xff INVOICE");
    const list = async (params: string) =>
      (await getJson(`${server.url}/api/bins/${bin.id}/requests?${params}`)).body.items.map((c: any) => c.path);

    expect(await list("method=put")).toEqual(["/other"]);
    expect(await list("q=invoice")).toEqual(["/bin", "/stripe"]);
    expect(await list("q=event%3Dpush")).toEqual(["/github"]);
    expect(await list("header=x-github-event")).toEqual(["/other", "/github"]);
    expect(await list("header=X-GitHub-Event:PUSH")).toEqual(["/github"]);
    expect(await list("header=stripe-signature:v1=abc&method=POST&q=paid")).toEqual(["/stripe"]);
    expect(await list("q=nothing-like-this")).toEqual([]);
    await send("POST", "/accents", [], "Éclair au café");
    await send("POST", "/nul", [["Content-Type", "application/octet-stream"]], "abc\u0000needle");
    expect(await list("q=%C3%89clair")).toEqual(["/accents"]);
    expect(await list("q=needle")).toEqual(["/nul"]);

    const first = (await getJson(`${server.url}/api/bins/${bin.id}/requests?method=POST&limit=2`)).body;
    expect(first.items.map((c: any) => c.path)).toEqual(["/nul", "/accents"]);
    const second = (await getJson(`${server.url}/api/bins/${bin.id}/requests?method=POST&limit=3&cursor=${first.nextCursor}`)).body;
    expect(second.items.map((c: any) => c.path)).toEqual(["/bin", "/stripe", "/github"]);
    expect(second.nextCursor).toBeNull();
  });

  it("validates list parameters", async () => {
    const bin = await createBin(server);
    for (const q of ["limit=0", "limit=201", "limit=abc", "cursor=not-a-cursor"]) {
      const res = await getJson(`${server.url}/api/bins/${bin.id}/requests?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.issues.length).toBeGreaterThan(0);
    }
    expect((await getJson(`${server.url}/api/bins/${bin.id}/requests?limit=200`)).status).toBe(200);
  });

  it("deletes one capture and clears a bin", async () => {
    const bin = await createBin(server);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(JSON.parse((await rawRequest(bin.captureUrl, { method: "POST" })).body.toString()).id);
    expect((await api(`/bins/${bin.id}/requests/${ids[0]}`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    expect((await api(`/bins/${bin.id}/requests/${ids[0]}`)).status).toBe(404);
    expect((await api(`/bins/${bin.id}/requests/${ids[0]}`, { method: "DELETE", headers: manage(bin) })).status).toBe(404);
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.requestCount).toBe(2);
    expect((await api(`/bins/${bin.id}/requests`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.requestCount).toBe(0);
  });

  it("does not serve one bin's capture through another bin", async () => {
    const a = await createBin(server);
    const b = await createBin(server);
    const rid = JSON.parse((await rawRequest(a.captureUrl, { method: "POST" })).body.toString()).id;
    expect((await api(`/bins/${b.id}/requests/${rid}`)).status).toBe(404);
    expect((await api(`/bins/${b.id}/requests/${rid}`, { method: "DELETE", headers: manage(b) })).status).toBe(404);
    expect((await api(`/bins/${a.id}/requests/${rid}`)).status).toBe(200);
  });

  it("validates a custom response", async () => {
    const bin = await createBin(server);
    const put = (body: unknown) => api(`/bins/${bin.id}/response`, { method: "PUT", headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify(body) });
    expect((await put({ status: 600 })).status).toBe(400);
    expect((await put({ status: 200, headers: [["Bad Name", "x"]] })).status).toBe(400);
    expect((await put({ status: 200, headers: [["X-Ok", "a\r\nSet-Cookie: x"]] })).status).toBe(400);
    expect((await put({ status: 200, delayMs: 30_001 })).status).toBe(400);
    expect((await put({ status: 100 })).status).toBe(400);
    expect((await put({ status: 200, headers: [["X-Check", "✓"]] })).status).toBe(400);
    expect((await put({ status: 201 })).status).toBe(204);
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.response).toEqual({ status: 201, headers: [], body: "", delayMs: 0 });
    expect((await api(`/bins/${bin.id}/response`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    expect((await getJson(`${server.url}/api/bins/${bin.id}`)).body.response).toBeNull();
  });
});

describe("export and OpenAPI", () => {
  it("exports captures as a JSON array of Capture, optionally only the given ids", async () => {
    const bin = await createBin(server);
    const ids: string[] = [];
    for (const body of ["one", "two", "three"]) {
      ids.push(JSON.parse((await rawRequest(`${bin.captureUrl}/e`, { method: "POST", body })).body.toString()).id);
    }
    const all = await getJson(`${server.url}/api/bins/${bin.id}/export?format=json`);
    expect(all.status).toBe(200);
    expect(all.body.map((c: any) => c.body.data)).toEqual(["three", "two", "one"]);
    expect(all.body[0]).toEqual((await getJson(`${server.url}/api/bins/${bin.id}/requests/${ids[2]}`)).body);

    const some = await getJson(`${server.url}/api/bins/${bin.id}/export?format=json&ids=${ids[0]},${ids[2]}`);
    expect(some.body.map((c: any) => c.id)).toEqual([ids[2], ids[0]]);
    expect((await getJson(`${server.url}/api/bins/${bin.id}/export?format=xml`)).status).toBe(400);
    expect((await getJson(`${server.url}/api/bins/${bin.id}/export?ids=bad`)).status).toBe(400);
  });

  it("exports a HAR 1.2 log with headers, decoded query and binary bodies as base64", async () => {
    const bin = await createBin(server);
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    await rawRequest(`${bin.captureUrl}/har/path?a=1&b=x%20y`, { method: "PATCH", headers: [["X-Case", "Kept"], ["Content-Type", "application/octet-stream"]], body: bytes });
    const res = await fetch(`${server.url}/api/bins/${bin.id}/export?format=har`);
    expect(res.headers.get("content-disposition")).toContain(".har");
    const har = await res.json();
    expect(har.log.version).toBe("1.2");
    const entry = har.log.entries[0];
    expect(entry.request.method).toBe("PATCH");
    expect(entry.request.url).toBe(`${server.url}/b/${bin.id}/har/path?a=1&b=x%20y`);
    expect(entry.request.headers).toContainEqual({ name: "X-Case", value: "Kept" });
    expect(entry.request.queryString).toEqual([{ name: "a", value: "1" }, { name: "b", value: "x y" }]);
    expect(entry.request.postData.encoding).toBe("base64");
    expect(Buffer.from(entry.request.postData.text, "base64").equals(bytes)).toBe(true);
  });

  it("describes the API in OpenAPI 3.1 with every $ref resolvable", async () => {
    const { status, body } = await getJson(`${server.url}/api/openapi.json`);
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/api/bins", "/api/bins/{id}/requests", "/api/bins/{id}/export"]));
    const refs = JSON.stringify(body).match(/#\/components\/schemas\/\w+/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) expect(body.components.schemas[r.split("/").pop()!], r).toBeDefined();
    expect(body.components.schemas.CreateBin.properties.name.maxLength).toBe(80);
  });
});

describe("OpenAPI", () => {
  it("names, tags and secures every operation and lists the errors each can answer", async () => {
    const { body } = await getJson(`${server.url}/api/openapi.json`);
    expect(Object.keys(body.components.securitySchemes)).toEqual(["viewToken", "tokenQuery", "manageKey", "adminToken", "metricsToken"]);
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<any>(body.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (method === "parameters") continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, where).toMatch(/^\w+$/);
        expect(ids.has(op.operationId), `${where}: duplicate operationId`).toBe(false);
        ids.add(op.operationId);
        expect(op.tags, where).toHaveLength(1);
        expect(op.responses["405"], where).toBeDefined();
        if (path.startsWith("/api/bins/{id}") && method === "get") {
          expect(op.security, where).toEqual([{}, { viewToken: [] }, { tokenQuery: [] }, { manageKey: [] }, { adminToken: [] }]);
          for (const status of ["401", "404"]) expect(op.responses[status], `${where} ${status}`).toBeDefined();
        }
        // Every change needs the manage key (or the admin token), and says so with a 403.
        if (path.startsWith("/api/bins/{id}") && ["put", "delete"].includes(method)) {
          expect(op.security, where).toEqual([{ manageKey: [] }, { adminToken: [] }]);
          for (const status of ["403", "404"]) expect(op.responses[status], `${where} ${status}`).toBeDefined();
        }
        if (op.requestBody) expect(op.responses["413"], where).toBeDefined();
        if (path.startsWith("/b/")) {
          expect(op.security, where).toEqual([]);
          for (const status of ["200", "404", "413", "429"]) expect(op.responses[status], `${where} ${status}`).toBeDefined();
        }
      }
    }
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/b/{binId}", "/b/{binId}/{subpath}"]));
    expect(body.paths["/b/{binId}"].post.operationId).toBe("capturePost");
    expect(body.paths["/api/bins"].post.responses["201"].content["application/json"].schema.$ref).toBe("#/components/schemas/CreatedBin");
    expect(body.components.schemas.CreatedBin.properties.viewToken).toBeDefined();
    expect(body.components.schemas.CreatedBin.required).toContain("manageKey");
    expect(body.paths["/api/resend"].post.security).toEqual([{}, { manageKey: [] }, { adminToken: [] }]);
    expect(body.paths["/api/resend"].post.responses["403"]).toBeDefined();
    expect(body.components.schemas.Error.properties.error.enum).toEqual(expect.arrayContaining(["method_not_allowed", "rate_limited", "payload_too_large"]));
  });
});

describe("private bins", () => {
  it("hands out a view token once and requires it everywhere but the capture path", async () => {
    const bin = await createBin(server, { private: true });
    expect(bin.viewToken).toMatch(/^[0-9A-Za-z]{32}$/);
    const sent = await rawRequest(`${bin.captureUrl}/secret`, { method: "POST", body: "classified" });
    expect(sent.status).toBe(200);
    const rid = JSON.parse(sent.body.toString()).id;

    for (const path of [`/bins/${bin.id}`, `/bins/${bin.id}/requests`, `/bins/${bin.id}/requests/${rid}`, `/bins/${bin.id}/requests/${rid}/body`, `/bins/${bin.id}/export`]) {
      const anonymous = await api(path);
      expect(anonymous.status, path).toBe(401);
      expect((await anonymous.json()).error).toBe("unauthorized");
      expect((await api(path, { headers: { authorization: "Bearer wrong" } })).status, path).toBe(401);
      expect((await api(path, { headers: { authorization: `Bearer ${bin.viewToken}` } })).status, path).toBe(200);
      expect((await api(`${path}?token=${bin.viewToken}`)).status, path).toBe(200);
      expect((await api(path, { headers: { cookie: `hookjar_${bin.id}=${bin.viewToken}` } })).status, path).toBe(200);
    }
    // Changing takes the manage key; the view token only reads.
    expect((await api(`/bins/${bin.id}`, { method: "DELETE", headers: { authorization: `Bearer ${bin.viewToken}` } })).status).toBe(403);
    expect((await getJson(`${server.url}/api/bins/${bin.id}?token=${bin.viewToken}`)).body).toMatchObject({ private: true, requestCount: 1 });
    expect(JSON.stringify((await getJson(`${server.url}/api/bins/${bin.id}?token=${bin.viewToken}`)).body)).not.toContain(bin.viewToken);
  });

  it("keeps public bins open and tokenless", async () => {
    const bin = await createBin(server, {});
    expect(bin.viewToken).toBeUndefined();
    expect((await api(`/bins/${bin.id}`)).status).toBe(200);
  });
});
