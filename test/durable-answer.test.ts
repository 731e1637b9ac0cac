import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, rawRequest, type RawResponse } from "./helpers/http.ts";
import { createBin, startServer, type TestServer } from "./helpers/server.ts";

// A sender that got a 2xx may forget the delivery: the capture must be committed to the file by
// then, and a capture that could not be committed must not be answered with a 2xx.

const servers: TestServer[] = [];
const files: Database.Database[] = [];
afterAll(async () => {
  for (const file of files) file.close();
  await Promise.all(servers.map((s) => s.stop()));
});

async function serverWithFile() {
  const server = await startServer();
  servers.push(server);
  // A connection of our own on the server's database file, as a backup tool or a person with the
  // sqlite3 shell would open it.
  const file = new Database(server.dbFile);
  files.push(file);
  return { server, file };
}

const storedRow = (file: Database.Database, id: string) => file.prepare(`SELECT "id", "binId", "body" FROM "Capture" WHERE "id" = ?`).get(id) as
  | { id: string; binId: string; body: Buffer }
  | undefined;
const rowsOfBin = (file: Database.Database, binId: string) => (file.prepare(`SELECT count(*) AS n FROM "Capture" WHERE "binId" = ?`).get(binId) as { n: number }).n;

// Linux system call numbers of nanosleep and clock_nanosleep.
const SLEEPS: Record<string, number[]> = { x64: [35, 230], arm64: [101, 115] };

/**
 * Whether the server's main thread sleeps in a system call. Node's main thread waits for work in
 * epoll and never sleeps; SQLite's busy handler does, on the thread that wants a lock someone holds.
 */
function mainThreadAsleep(pid: number): boolean {
  const call = Number(readFileSync(`/proc/${pid}/syscall`, "utf8").split(" ")[0]);
  return (SLEEPS[process.arch] ?? []).includes(call);
}

/**
 * Settles once the server shows it is waiting to write: /metrics reports a capture in the write
 * queue, or (when the wait holds the event loop, so /metrics cannot answer) the server sleeps in
 * SQLite's busy handler. Settles too if the sender is answered first, which the caller then sees.
 */
async function serverWaitsToWrite(server: TestServer, answered: () => boolean): Promise<void> {
  let queued = false;
  let asking: Promise<void> | null = null;
  while (!answered() && !queued && !mainThreadAsleep(server.pid)) {
    asking ??= fetch(`${server.url}/metrics`)
      .then((res) => res.text())
      .then((text) => void (queued = Number(/^hookjar_write_queue_depth (\d+)/m.exec(text)?.[1] ?? 0) >= 1))
      .catch(() => {})
      .finally(() => (asking = null));
    await new Promise((r) => setTimeout(r, 5));
  }
  // An answer whose bytes are already here is read before the caller looks.
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

describe("the capture path answers only once the capture is committed", () => {
  let server: TestServer;
  let file: Database.Database;
  beforeAll(async () => void ({ server, file } = await serverWithFile()));

  it("waits while another connection holds the database's write lock, then answers 2xx with the row in the file", async () => {
    // No capture on this server before the lock: nothing else of its own (a checkpoint) waits to write.
    const bin = await createBin(server);
    file.exec("BEGIN IMMEDIATE");
    let answer: RawResponse | undefined;
    let sending: Promise<RawResponse>;
    try {
      sending = rawRequest(`${bin.captureUrl}/held`, { method: "POST", body: "held back" }).then((res) => (answer = res));
      await serverWaitsToWrite(server, () => answer !== undefined);
      expect(answer, "the sender was answered while the capture could not be committed").toBeUndefined();
      expect(rowsOfBin(file, bin.id)).toBe(0);
    } finally {
      file.exec("COMMIT");
    }
    const res = await sending;
    expect(res.status).toBe(200);
    const { id } = JSON.parse(res.body.toString());
    expect(storedRow(file, id)).toEqual({ id, binId: bin.id, body: Buffer.from("held back") });
  });
});

describe("a capture the database refuses", () => {
  let server: TestServer;
  let file: Database.Database;
  beforeAll(async () => void ({ server, file } = await serverWithFile()));

  it("is answered with a 5xx in the error shape, stores nothing, and the next one succeeds once the cause is gone", async () => {
    const bin = await createBin(server);
    file.exec(`CREATE TRIGGER "refuse_captures" BEFORE INSERT ON "Capture" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    let refused: RawResponse;
    try {
      refused = await rawRequest(`${bin.captureUrl}/refused`, { method: "POST", body: "not stored" });
    } finally {
      file.exec(`DROP TRIGGER "refuse_captures"`);
    }
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(refused.status).toBeLessThan(600);
    expect(refused.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(refused.body.toString())).toEqual({ error: expect.any(String), message: expect.any(String) });
    expect(rowsOfBin(file, bin.id)).toBe(0);
    expect((await getJson(`${server.url}/api/bins/${bin.id}/requests`)).body.items).toEqual([]);

    const res = await rawRequest(`${bin.captureUrl}/after`, { method: "POST", body: "stored" });
    expect(res.status).toBe(200);
    const { id } = JSON.parse(res.body.toString());
    expect(storedRow(file, id)).toEqual({ id, binId: bin.id, body: Buffer.from("stored") });
    expect(rowsOfBin(file, bin.id)).toBe(1);
  });
});
