import { Agent, request } from "node:http";
import { describe, expect, it } from "vitest";
import { getJson, rawRequest } from "./helpers/http.ts";
import { createBin, manage, startServer } from "./helpers/server.ts";
import { startSilent, until } from "./helpers/target.ts";

// SIGTERM under load: what a sender saw acknowledged is there after a restart, and the process
// stops by itself with 0.

const CONNECTIONS = 50;

function post(agent: Agent, url: URL, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { "content-type": "text/plain", "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** 50 connections posting until the server stops answering; what it acknowledged with 200, by id. */
function sendUntilStopped(url: URL) {
  const acknowledged = new Set<string>();
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let refused = 0;
  const senders = Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      for (let i = 0; ; i++) {
        let res;
        try {
          res = await post(agent, url, `connection ${c} request ${i}`);
        } catch {
          return; // refused or reset: the server no longer listens
        }
        if (res.status === 200) acknowledged.add(JSON.parse(res.body).id);
        else if (res.status === 503) refused++;
        else throw new Error(`unexpected ${res.status}: ${res.body}`);
      }
    }),
  );
  return { acknowledged, refused: () => refused, senders, agent };
}

/** Every capture id the bin lists, page by page. */
async function storedIds(serverUrl: string, binId: string): Promise<Set<string>> {
  const stored = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await getJson(
      `${serverUrl}/api/bins/${binId}/requests?limit=200${cursor ? `&cursor=${cursor}` : ""}`,
    );
    for (const item of page.body.items) stored.add(item.id);
    cursor = page.body.nextCursor;
  } while (cursor);
  return stored;
}

describe("graceful stop", () => {
  it("on SIGTERM amid 50 connections of load, keeps every acknowledged capture and exits 0 by itself", async () => {
    const hang = await startSilent();
    const server = await startServer({ MAX_CAPTURES_PER_BIN: "1000000" });
    const bin = await createBin(server);
    // A forward whose target never answers: stopping must record it rather than wait for ever.
    await fetch(`${server.url}/api/bins/${bin.id}/forward`, { method: "PUT", headers: { "content-type": "application/json", ...manage(bin) }, body: JSON.stringify({ url: hang.url }) });
    const forwarded = JSON.parse((await rawRequest(`${bin.captureUrl}/forwarded`, { method: "POST" })).body.toString()).id as string;
    await fetch(`${server.url}/api/bins/${bin.id}/forward`, { method: "DELETE", headers: manage(bin) });

    const { acknowledged, refused, senders, agent } = sendUntilStopped(new URL(`${bin.captureUrl}/load`));
    acknowledged.add(forwarded);
    await until(() => acknowledged.size >= 500, 30_000, "load to get going");
    server.signal("SIGTERM");
    expect(await server.exited).toBe(0);
    await senders;
    agent.destroy();
    await hang.close();
    expect(server.logs()).toMatch(/"msg":"stopped"/);

    const restarted = await startServer({}, server.dbFile);
    try {
      const stored = await storedIds(restarted.url, bin.id);
      expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);

      const { body } = await getJson(`${restarted.url}/api/bins/${bin.id}/requests/${forwarded}`);
      expect(body.attempts).toHaveLength(1);
      expect(body.attempts[0]).toMatchObject({ kind: "forward", status: null, error: expect.stringMatching(/^Interrupted: the server stopped/) });
    } finally {
      await restarted.stop();
    }
    console.log(`acknowledged ${acknowledged.size}, refused while stopping ${refused()}`);
  }, 90_000);

  it("killed with SIGKILL amid 50 connections of load, has every capture it acknowledged after a restart", async () => {
    const server = await startServer({ MAX_CAPTURES_PER_BIN: "1000000" });
    const bin = await createBin(server);
    const { acknowledged, senders, agent } = sendUntilStopped(new URL(`${bin.captureUrl}/load`));
    await until(() => acknowledged.size >= 1000, 30_000, "load to get going");
    server.signal("SIGKILL");
    await server.exited;
    await senders;
    agent.destroy();

    const restarted = await startServer({}, server.dbFile);
    try {
      const stored = await storedIds(restarted.url, bin.id);
      expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
      // The bin keeps taking captures after the crash, numbered after everything before it.
      const after = await rawRequest(`${bin.captureUrl.replace(server.url, restarted.url)}/after`, { method: "POST" });
      expect(after.status).toBe(200);
      expect((await getJson(`${restarted.url}/api/bins/${bin.id}/requests?limit=1`)).body.items[0].path).toBe("/after");
    } finally {
      await restarted.stop();
    }
  }, 90_000);
});
