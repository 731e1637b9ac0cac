import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { LOG_REDACTION } from "../lib/runtime/log.ts";
import { rawRequest } from "./helpers/http.ts";
import { createBin, manage, startServer } from "./helpers/server.ts";

// Manage keys, view tokens and the admin token are shown once and kept only as hashes: after a
// real server has done everything with them, none is in its output, its database file, an export,
// a settings document or /metrics.

const ADMIN = "admin-token-for-the-secrets-test-0001";
const METRICS = "metrics-token-for-the-secrets-test";

describe("secrets stay secret", () => {
  it("appear in no log line, database byte, export, settings document or metrics", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hookjar-secrets-"));
    const fileKey = "bins-file-manage-key-0123456789abcdef";
    const binsFile = path.join(dir, "bins.json");
    writeFileSync(binsFile, JSON.stringify({ bins: [{ id: "provisioned-01", manageKey: fileKey }] }));
    const server = await startServer({ ADMIN_TOKEN: ADMIN, METRICS_TOKEN: METRICS, HOOKJAR_BINS_FILE: binsFile, LOG_LEVEL: "trace" });
    const secrets = [ADMIN, fileKey];
    const answers: string[] = [];
    const keep = async (res: Response) => {
      const text = await res.text();
      answers.push(text);
      return text;
    };
    try {
      const bin = await createBin(server, { name: "secretive", private: true });
      secrets.push(bin.manageKey, bin.viewToken!);
      const json = { "content-type": "application/json" };
      const id = JSON.parse((await rawRequest(`${bin.captureUrl}/hook?x=1`, { method: "POST", body: '{"a":1}' })).body.toString()).id;
      const api = (p: string, init: RequestInit = {}) => fetch(`${server.url}/api${p}`, init);
      // Every kind of change, some refused, some with the wrong secret, one key rotated.
      expect((await api(`/bins/${bin.id}/response`, { method: "PUT", headers: { ...json, authorization: `Bearer ${bin.viewToken}` }, body: '{"status":201}' })).status).toBe(403);
      expect((await api(`/bins/${bin.id}/response`, { method: "PUT", headers: { ...json, ...manage(bin) }, body: '{"status":201}' })).status).toBe(204);
      expect((await api(`/bins/${bin.id}/rules`, { method: "PUT", headers: { ...json, ...manage(bin) }, body: JSON.stringify({ rules: [{ respond: { status: 202 } }] }) })).status).toBe(200);
      expect((await api(`/bins/${bin.id}/settings`, { method: "PUT", headers: { ...json, ...manage(bin) }, body: '{"name":"renamed"}' })).status).toBe(204);
      expect((await api("/resend", { method: "POST", headers: { ...json, ...manage(bin) }, body: JSON.stringify({ method: "POST", url: `${server.url}/healthz`, headers: [], captureId: id }) })).status).toBe(200);
      const rotated = await api(`/bins/${bin.id}/manage-key`, { method: "POST", headers: manage(bin) });
      const { manageKey } = JSON.parse(await keep(rotated));
      secrets.push(manageKey);
      const privacy = JSON.parse(await keep(await api(`/bins/${bin.id}/privacy`, { method: "PUT", headers: { ...json, authorization: `Bearer ${manageKey}` }, body: '{"private":true}' })));
      secrets.push(privacy.viewToken);
      const reset = JSON.parse(await keep(await api(`/bins/provisioned-01/manage-key`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}` } })));
      secrets.push(reset.manageKey);
      const owner = { authorization: `Bearer ${manageKey}` };
      // What leaves the server besides the answers that hand a secret out.
      const outputs = [
        await (await api(`/bins/${bin.id}/export?format=har`, { headers: owner })).text(),
        await (await api(`/bins/${bin.id}/export?format=json`, { headers: owner })).text(),
        await (await api(`/bins/${bin.id}/settings`, { headers: owner })).text(),
        await (await api(`/bins/${bin.id}`, { headers: owner })).text(),
        await (await api("/admin/bins", { headers: { authorization: `Bearer ${ADMIN}` } })).text(),
        await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } })).text(),
        await (await api("/openapi.json")).text(),
      ];
      expect(outputs[2]).toContain("renamed");
      for (const secret of secrets) for (const output of outputs) expect(output).not.toContain(secret);
    } finally {
      await server.stop();
    }
    // Each handed-out secret was in exactly the answer that handed it out.
    expect(answers.join("\n")).toContain(secrets.at(-1));
    const logs = server.logs();
    expect(logs).toMatch(/provisioned bins/);
    const database = [server.dbFile, `${server.dbFile}-wal`].filter(existsSync).map((file) => readFileSync(file));
    for (const secret of secrets) {
      expect(logs, "server output").not.toContain(secret);
      for (const bytes of database) expect(bytes.includes(Buffer.from(secret)), "database file").toBe(false);
    }
  });

  it("redacts the Authorization header and cookies from any log line that carries headers", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => void (lines.push(String(chunk)), done()) });
    const logger = pino({ redact: LOG_REDACTION }, sink);
    logger.info({ headers: { authorization: "Bearer manage-key-here", cookie: "hookjar_x=view-token-here", "x-ok": "kept" } }, "request");
    logger.info({ req: { headers: { authorization: "Bearer nested-key" } }, authorization: "Bearer top-level" }, "nested");
    const text = lines.join("");
    for (const secret of ["manage-key-here", "view-token-here", "nested-key", "top-level"]) expect(text).not.toContain(secret);
    expect(text).toContain("kept");
    expect(text).toContain("[redacted]");
  });
});
