import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "./helpers/http.ts";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";

// SQLite's own checkpoints are off on every connection of the server (they would run on whichever
// thread commits); a thread of the server's copies the write-ahead log back into the file instead.
// Without it, the log would hold every capture and grow for ever.

let server: TestServer;
beforeAll(async () => void (server = await startServer()));
afterAll(() => server.stop());

const size = (file: string) => statSync(file).size;

/** `n` captures of `bytes` random bytes each, from 20 senders at once. */
async function send(captureUrl: string, n: number, bytes: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < n) {
        next++;
        expect((await rawRequest(captureUrl, { method: "POST", body: randomBytes(bytes) })).status).toBe(200);
      }
    }),
  );
}

describe("the write-ahead log", () => {
  it("is copied back into the database file as captures arrive, and reused rather than grown", async () => {
    const bin = await createBin(server);
    const wal = `${server.dbFile}-wal`;
    const before = size(server.dbFile);
    let logAfterOne = 0;
    for (let round = 1; round <= 3; round++) {
      await send(bin.captureUrl, 400, 8000);
      // Each round's 3.2 MB of bodies reach the file itself, by checkpoint.
      await expect.poll(() => size(server.dbFile) - before, { timeout: 15_000 }).toBeGreaterThan(round * 3_200_000);
      logAfterOne ||= size(wal);
    }
    // A log copied back starts over (once it passes 16 MB): three rounds leave it no longer than twice what one did, or 40 MB.
    expect(size(wal)).toBeLessThan(Math.max(2 * logAfterOne, 40_000_000));
  });
});
