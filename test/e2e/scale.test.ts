import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { newSortableId } from "../../lib/runtime/ids.ts";
import { asOwner, openInspector, openPage, rowIds, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

const TOTAL = 100_000;
const e2e = serverAndBrowser({ MAX_CAPTURES_PER_BIN: String(TOTAL * 2) });

/** Fills a bin with `count` older copies of one real capture, straight into the database (HTTP would take minutes). */
function seedOlderCopies(dbFile: string, templateId: string, count: number) {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 5000");
  const template = db.prepare(`SELECT * FROM "Capture" WHERE "id" = ?`).get(templateId) as Record<string, unknown>;
  const columns = Object.keys(template);
  const insert = db.prepare(`INSERT INTO "Capture" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map((c) => `@${c}`).join(",")})`);
  const start = Date.now() - 2 * count;
  db.transaction(() => {
    // The real capture stays the newest in commit order, and the counter goes on from there.
    db.prepare(`UPDATE "Capture" SET "seq" = ? WHERE "id" = ?`).run(count + 1, templateId);
    db.prepare(`UPDATE "Counter" SET "value" = ? WHERE "name" = 'capture'`).run(count + 1);
    for (let i = 0; i < count; i++) {
      // Each copy's path names its position, newest first, so the test can check order.
      insert.run({ ...template, id: newSortableId(start + i), seq: i + 1, path: `/n/${count - i}` });
    }
  })();
  db.close();
}

describe("a bin with 100,000 captures", () => {
  it("opens with a few DOM rows and loads older pages by cursor while scrolling, in order", async () => {
    const bin = await createBin(e2e.server);
    const res = await rawRequest(`${bin.captureUrl}/n/0`, { method: "POST", headers: [["Content-Type", "text/plain"]], body: "hello" });
    seedOlderCopies(e2e.server.dbFile, JSON.parse(res.body.toString()).id, TOTAL - 1);

    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await page.waitForSelector("[data-testid=capture-detail]");
    // The count is the bin's total; only the first pages are loaded: the server-rendered one and the live resync's.
    expect(await page.textContent("[data-testid=capture-count]")).toBe("100,000 captures");
    const list = page.locator("[data-testid=capture-list]");
    const loadedCount = () => list.evaluate((el) => Number(el.getAttribute("data-loaded")));
    expect([100, 200]).toContain(await loadedCount());
    const firstRows = await rowIds(page);
    expect(firstRows.length).toBeGreaterThan(5);
    expect(firstRows.length).toBeLessThan(60);

    // A scroll to the bottom while a page is on its way asks for nothing more: keep scrolling.
    for (let i = 0; i < 40 && (await loadedCount()) < 1500; i++) {
      await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(150);
    }
    expect(await loadedCount()).toBeGreaterThanOrEqual(1500);

    const targets = await page.$$eval("[data-testid=capture-row]", (rows) =>
      rows
        .sort((a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top))
        .map((r) => Number(r.querySelector("[data-testid=capture-target]")!.textContent!.slice("/n/".length))),
    );
    expect(targets.length).toBeLessThan(60);
    // Consecutive positions across page boundaries: nothing skipped, nothing twice.
    targets.forEach((n, i) => expect(n).toBe(targets[0] + i));
    const loaded = await loadedCount();
    const topOfView = await list.evaluate((el) => Math.floor(el.scrollTop / Number(el.getAttribute("data-row-height"))));
    expect(targets[0]).toBeGreaterThanOrEqual(topOfView - 8);
    expect(targets.at(-1)).toBeLessThan(loaded);

    // New captures prepended above a reader who scrolled down do not push what they read away.
    const rowHeight = await list.evaluate((el) => Number(el.getAttribute("data-row-height")));
    await list.evaluate((el, h) => (el.scrollTop = 40 * h + 7), rowHeight);
    await page.waitForTimeout(200);
    const firstInView = () =>
      list.evaluate((el) => {
        const top = el.getBoundingClientRect().top;
        const row = [...el.querySelectorAll<HTMLElement>("[data-testid=capture-row]")].find((r) => r.getBoundingClientRect().bottom > top + 1);
        return row!.querySelector("[data-testid=capture-target]")!.textContent;
      });
    const reading = await firstInView();
    for (let i = 0; i < 3; i++) {
      await rawRequest(`${bin.captureUrl}/new/${i}`, { method: "POST", headers: [["Content-Type", "text/plain"]], body: "late" });
    }
    await page.waitForFunction(() => document.querySelector("[data-testid=capture-count]")!.textContent === "100,003 captures");
    await page.waitForFunction((n) => Number(document.querySelector("[data-testid=capture-list]")!.getAttribute("data-loaded")) >= n + 3, loaded);
    await page.waitForTimeout(200);
    expect(await firstInView()).toBe(reading);
    expect(errors).toEqual([]);
  }, 90_000);
});
