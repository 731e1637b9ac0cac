import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, rawRequest } from "./helpers/http.ts";
import { twoInstances } from "./helpers/postgres.ts";
import { createBin, manage, type TestServer } from "./helpers/server.ts";
import { startEcho, until, type Echo } from "./helpers/target.ts";

// Two instances on one PostgreSQL database share one retry schedule: each sees every due try, and
// each try goes out once.

let a: TestServer;
let b: TestServer;
let stop: (() => Promise<void>) | undefined;
let echo: Echo;
const seen = new Map<string, number>();
beforeAll(async () => {
  ({ a, b, stop } = await twoInstances());
  // Each path fails its first delivery; the retry is answered only after a second and a half, so
  // it is still on its way when the other instance next looks at the schedule.
  echo = await startEcho((req, res) => {
    const n = (seen.get(req.url) ?? 0) + 1;
    seen.set(req.url, n);
    if (n === 1) return void res.writeHead(503).end("down");
    setTimeout(() => res.writeHead(200).end("ok"), 1500);
  });
}, 120_000);
afterAll(async () => {
  await stop?.();
  await echo?.close();
});

describe("forward retries on two PostgreSQL instances", () => {
  it("sends each retry from one instance only", async () => {
    const bin = await createBin(a);
    await fetch(`${a.url}/api/bins/${bin.id}/forward`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...manage(bin) },
      body: JSON.stringify({ url: `${echo.url}/shared`, enabled: true }),
    });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await rawRequest(`${(i % 2 ? b : a).url}/b/${bin.id}/n${i}`, { method: "POST", body: String(i) });
      ids.push(JSON.parse(answer.body.toString()).id);
    }
    for (const [i, id] of ids.entries()) {
      const capture = await until(async () => {
        const { body } = await getJson(`${(i % 2 ? a : b).url}/api/bins/${bin.id}/requests/${id}`);
        return body.forwardRetry === null && body.attempts[0]?.status === 200 ? body : null;
      }, 30_000, `capture ${i} delivered`);
      expect(capture.attempts.map((t: { try: number; status: number }) => [t.try, t.status]).toReversed()).toEqual([[1, 503], [2, 200]]);
    }
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(ids.map((_, i) => [`/shared/n${i}`, 2])));
  }, 120_000);
});
