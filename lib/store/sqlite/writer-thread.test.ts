import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client.ts";
import { migrateSqlite } from "./migrate.ts";
import { WriterThread } from "./writer-thread.ts";

// The thread keeps each statement prepared and binds every call's arguments to it afresh.
describe("the SQLite writer thread's kept statements", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hookjar-writer-"));
  const file = path.join(dir, "db");
  let writer: WriterThread;
  beforeAll(() => {
    migrateSqlite(file);
    writer = new WriterThread(file, new SharedArrayBuffer(4), (message) => {
      throw new Error(message);
    });
  });
  afterAll(async () => {
    await writer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answer each call with its own arguments, across more shapes than are kept and back", async () => {
    // 100 shapes (more than the thread keeps), each run twice with different arguments, twice over.
    for (const pass of [1, 2]) {
      for (let shape = 0; shape < 100; shape++) {
        for (const value of [`a${pass}-${shape}`, pass * 1000 + shape]) {
          const [rows] = await writer.transaction([Prisma.sql`SELECT ${Prisma.raw(String(shape))} AS "shape", ${value} AS "value"`]);
          expect(rows).toEqual([{ shape, value }]);
        }
      }
    }
  });

  it("run writes through a kept statement with each call's arguments", async () => {
    const write = (name: string, value: number) => writer.transaction([Prisma.sql`INSERT INTO "Counter" ("name", "value") VALUES (${name}, ${value})`]);
    const read = Prisma.sql`SELECT "name", "value" FROM "Counter" WHERE "name" LIKE 'kept-%' ORDER BY "name"`;
    await write("kept-1", 1);
    await write("kept-2", 2);
    await write("kept-3", 3);
    expect((await writer.transaction([read]))[0]).toEqual([
      { name: "kept-1", value: 1 },
      { name: "kept-2", value: 2 },
      { name: "kept-3", value: 3 },
    ]);
  });

  it("settle idle() only once no job is left", async () => {
    const order: string[] = [];
    const job = writer.transaction([Prisma.sql`SELECT 1`]).then(() => order.push("job"));
    await writer.idle().then(() => order.push("idle"));
    await job;
    expect(order).toEqual(["job", "idle"]);
  });
});
