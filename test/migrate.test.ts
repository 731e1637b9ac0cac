import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../lib/store/db.ts";
import { startServer } from "./helpers/server.ts";

// Each test works on a copy of the repository's migrations and its own SQLite file.
const PRISMA = path.resolve(import.meta.dirname, "../prisma");
const names = readdirSync(path.join(PRISMA, "migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function workspace(migrations = names) {
  dir = mkdtempSync(path.join(tmpdir(), "hookjar-migrate-"));
  for (const name of migrations) cpSync(path.join(PRISMA, "migrations", name), path.join(dir, "migrations", name), { recursive: true });
  return { root: dir, url: `file:${path.join(dir, "hookjar.db")}` };
}

describe("migrations", () => {
  it("applies each migration once and records it as Prisma does", async () => {
    const { root, url } = workspace();
    expect(await migrate(url, root)).toEqual(names);
    expect(await migrate(url, root)).toEqual([]);
    const db = new Database(url.slice("file:".length));
    const rows = db.prepare(`SELECT migration_name, length(checksum) AS n FROM "_prisma_migrations" ORDER BY migration_name`).all();
    db.close();
    expect(rows).toEqual(names.map((migration_name) => ({ migration_name, n: 64 })));
  });

  it("refuses to start on a database whose applied migration file was edited since, naming it", async () => {
    const { root, url } = workspace();
    await migrate(url, root);
    const edited = path.join(root, "migrations", names[0], "migration.sql");
    appendFileSync(edited, "\n-- a later edit\nCREATE TABLE \"Sneaky\" (\"id\" TEXT);\n");
    await expect(migrate(url, root)).rejects.toThrow(new RegExp(`Migration ${names[0]} was edited after it was applied`));
    const db = new Database(url.slice("file:".length));
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'Sneaky'`).get()).toBeUndefined();
    db.close();
  });

  it("accepts a migration file that differs only in line endings (as Prisma does)", async () => {
    const { root, url } = workspace();
    await migrate(url, root);
    const file = path.join(root, "migrations", names[0], "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    expect(await migrate(url, root)).toEqual([]);
  });

  it("upgrades a database with captures: commit order follows the ids, nothing is lost", async () => {
    const { root, url } = workspace(names.slice(0, 1));
    await migrate(url, root);
    const file = url.slice("file:".length);
    const db = new Database(file);
    db.prepare(`INSERT INTO "Bin" ("id", "createdAt") VALUES ('bin', '2026-01-01T00:00:00+00:00')`).run();
    const insert = db.prepare(`INSERT INTO "Capture" ("id", "binId", "method", "path", "query", "headers", "body", "bodySize", "httpVersion", "receivedAt")
      VALUES (?, 'bin', 'POST', '/', '', '[]', ?, 1, '1.1', '2026-01-01T00:00:00+00:00')`);
    for (const id of ["01C", "01A", "01B"]) insert.run(id, Buffer.from(id));
    db.prepare(`INSERT INTO "Attempt" ("id", "captureId", "kind", "method", "url", "requestHeaders", "requestBody", "durationMs") VALUES ('att', '01B', 'resend', 'POST', 'http://x', '[]', x'', 1)`).run();
    db.close();

    for (const name of names.slice(1)) cpSync(path.join(PRISMA, "migrations", name), path.join(root, "migrations", name), { recursive: true });
    expect(await migrate(url, root)).toEqual(names.slice(1));
    const after = new Database(file);
    expect(after.prepare(`SELECT "id", "seq", CAST("body" AS TEXT) AS body FROM "Capture" ORDER BY "seq"`).all()).toEqual([
      { id: "01A", seq: 1, body: "01A" },
      { id: "01B", seq: 2, body: "01B" },
      { id: "01C", seq: 3, body: "01C" },
    ]);
    expect(after.prepare(`SELECT "value" FROM "Counter" WHERE "name" = 'capture'`).get()).toEqual({ value: 3 });
    expect(after.prepare(`SELECT "captureId" FROM "Attempt"`).all()).toEqual([{ captureId: "01B" }]);
    after.close();
  });

  it("stops the server at start with one clear line when an applied migration no longer matches its file", async () => {
    const server = await startServer();
    await server.stop(true);
    // The recorded checksum and the file disagree exactly as after an edit of the file.
    const db = new Database(server.dbFile);
    db.prepare(`UPDATE "_prisma_migrations" SET "checksum" = ? WHERE "migration_name" = ?`).run("0".repeat(64), names[0]);
    db.close();
    dir = path.dirname(server.dbFile);
    const failed = await startServer({}, server.dbFile).then(
      async (s) => (await s.stop(), "started"),
      (error: Error) => error.message,
    );
    expect(failed).toMatch(new RegExp(`exited with 1:[\\s\\S]*Hookjar cannot start: Migration ${names[0]} was edited after it was applied`));
    expect(failed).not.toMatch(/\n\s+at /);
  });
});

