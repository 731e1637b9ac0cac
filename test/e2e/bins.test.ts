import { mkdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, axeProblems, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin, manage } from "../helpers/server.ts";

const e2e = serverAndBrowser();

beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

const send = (captureUrl: string, times: number) =>
  Promise.all(Array.from({ length: times }, (_, i) => rawRequest(captureUrl, { method: "POST", body: `n=${i}` })));

const listed = (page: import("playwright-core").Page) =>
  page.$$eval("[data-testid=known-bin]", (rows) =>
    rows.map((r) => [r.getAttribute("data-id"), r.querySelector("[data-testid=known-bin-count]")!.textContent!.trim()]),
  );

describe("your bins", () => {
  it("lists this browser's bins with the server's counts, leaves out private bins without a token, and drops deleted ones", async () => {
    const busy = await createBin(e2e.server, { name: "Busy bin" });
    const quiet = await createBin(e2e.server, { name: "Quiet bin" });
    const secret = await createBin(e2e.server, { name: "Secret with token", private: true });
    const locked = await createBin(e2e.server, { name: "Secret without token", private: true });
    const gone = await createBin(e2e.server, { name: "Gone already" });
    await send(busy.captureUrl, 3);
    await send(secret.captureUrl, 1);
    await send(locked.captureUrl, 2);
    await fetch(`${e2e.server.url}/api/bins/${gone.id}`, { method: "DELETE", headers: manage(gone) });

    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await page.goto(e2e.server.url);
    await page.evaluate(
      (bins) => localStorage.setItem("hookjar:recent-bins", JSON.stringify(bins)),
      [
        { id: busy.id, name: "Busy bin", href: `/bins/${busy.id}` },
        { id: quiet.id, name: "old name", href: `/bins/${quiet.id}` },
        { id: secret.id, name: "Secret with token", href: `/bins/${secret.id}`, token: secret.viewToken },
        { id: locked.id, name: "Secret without token", href: `/bins/${locked.id}` },
        { id: gone.id, name: "Gone already", href: `/bins/${gone.id}` },
      ],
    );
    await page.click("[data-testid=your-bins-link]");
    await page.waitForURL(/\/bins$/);
    await page.waitForSelector("[data-testid=your-bins]");
    expect(await listed(page)).toEqual([
      [busy.id, "3 captures"],
      [quiet.id, "0 captures"],
      [secret.id, "1 capture"],
    ]);
    const text = await page.textContent("[data-testid=your-bins]");
    // Names come from the server, and so does the last activity.
    expect(text).toContain("Quiet bin");
    expect(text).not.toContain("old name");
    expect(text).toMatch(/Busy bin3 captures · last capture (just now|\d+s ago)/);
    expect(text).toContain("0 captures · none yet");
    // The deleted bin is forgotten; the locked one is kept for when its link is opened.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("hookjar:recent-bins")!).map((b: { id: string }) => b.id));
    expect(stored).toEqual([busy.id, quiet.id, secret.id, locked.id]);
    expect(await axeProblems(page)).toEqual([]);
    for (const [width, height] of [[1280, 800], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(100);
      await page.screenshot({ path: path.join(ARTIFACTS, `your-bins-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // Deleted elsewhere: gone from the list on the next visit.
    await fetch(`${e2e.server.url}/api/bins/${quiet.id}`, { method: "DELETE", headers: manage(quiet) });
    await page.reload();
    await page.waitForSelector("[data-testid=your-bins]");
    expect((await listed(page)).map(([id]) => id)).toEqual([busy.id, secret.id]);

    // A bin opened by its link joins the list, a private one with its token; "new bin" creates one.
    await page.goto(`${locked.inspectUrl}?token=${locked.viewToken}`);
    await page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
    await page.goto(`${e2e.server.url}/bins`);
    await page.waitForSelector(`[data-testid=known-bin][data-id="${locked.id}"]`);
    expect((await listed(page))[0]).toEqual([locked.id, "2 captures"]);
    await page.getByLabel("Bin name (optional)").fill("Made from the list");
    await page.getByRole("button", { name: "Create bin" }).click();
    await page.waitForSelector("[data-testid=connection][data-state=live]", { timeout: 15_000 });
    expect(await page.textContent("[data-testid=bin-name]")).toContain("Made from the list");
    expect(errors).toEqual([]);
  }, 90_000);
});
