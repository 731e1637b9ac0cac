import { expect } from "vitest";
import { getJson, rawRequest } from "./http.ts";
import { createBin, manage, type TestServer } from "./server.ts";
import { startEcho, until } from "./target.ts";

/**
 * Resends of three captures to a target that holds every answer until all have arrived, the middle
 * capture deleted meanwhile: all three are answered, and the two others' attempts, stored together
 * with the one that finds its capture gone, are kept.
 */
export async function resendAcrossDeletion(server: TestServer): Promise<void> {
  const held: (() => void)[] = [];
  const slow = await startEcho((_req, res) => held.push(() => res.writeHead(202).end("late")));
  try {
    const bin = await createBin(server);
    const ids: string[] = [];
    for (const body of ["kept", "deleted", "kept too"]) ids.push(JSON.parse((await rawRequest(`${bin.captureUrl}/x`, { method: "POST", body })).body.toString()).id);
    const sends = ids.map(async (captureId) => {
      const res = await fetch(`${server.url}/api/resend`, {
        method: "POST",
        headers: { "content-type": "application/json", ...manage(bin) },
        body: JSON.stringify({ method: "POST", url: `${slow.url}/hold`, headers: [], captureId }),
      });
      return [res.status, (await res.json()).status];
    });
    await until(() => held.length === ids.length, 10_000, "the resends to arrive");
    expect((await fetch(`${server.url}/api/bins/${bin.id}/requests/${ids[1]}`, { method: "DELETE", headers: manage(bin) })).status).toBe(204);
    for (const release of held) release();
    expect(await Promise.all(sends)).toEqual([[200, 202], [200, 202], [200, 202]]);
    for (const id of [ids[0], ids[2]]) {
      expect((await getJson(`${server.url}/api/bins/${bin.id}/requests/${id}`)).body.attempts).toMatchObject([{ kind: "resend", status: 202 }]);
    }
    expect((await getJson(`${server.url}/api/bins/${bin.id}/requests/${ids[1]}`)).status).toBe(404);
  } finally {
    await slow.close();
  }
}
