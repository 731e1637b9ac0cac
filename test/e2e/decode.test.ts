import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { gzipBomb } from "../helpers/bomb.ts";
import { ARTIFACTS, asOwner, axeProblems, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { rawRequest } from "../helpers/http.ts";
import { createBin } from "../helpers/server.ts";

const e2e = serverAndBrowser();

beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

async function send(captureUrl: string, encoding: string, body: Buffer) {
  const res = await rawRequest(`${captureUrl}/${encoding}`, { method: "POST", headers: [["Content-Type", "application/json"], ["Content-Encoding", encoding]], body });
  expect(res.status).toBe(200);
  return JSON.parse(res.body.toString()).id as string;
}

async function openCapture(page: Page, id: string) {
  await page.click(`[data-testid=capture-row][data-id="${id}"]`);
  await page.waitForSelector(`[data-testid=capture-detail][data-id="${id}"] [data-testid=decoded-body]:not([data-state=loading])`);
}

async function shotBoth(page: Page, name: string) {
  for (const [width, height] of [[1280, 800], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    // The body section's top just below the detail pane's sticky header.
    await page.$eval("[data-testid=body-section]", (el) => {
      const header = document.querySelector("[data-testid=capture-detail] > header")!;
      el.closest(".overflow-y-auto")!.scrollTop += el.getBoundingClientRect().top - header.getBoundingClientRect().bottom;
    });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("encoded bodies in the inspector", () => {
  it("shows gzip, deflate and br bodies decoded, with the bytes as sent one click away", async () => {
    const bin = await createBin(e2e.server, { name: "Compressed" });
    const ids: Record<string, string> = {};
    const sizes: Record<string, number> = {};
    for (const [coding, compress] of [["gzip", gzipSync], ["deflate", deflateSync], ["br", brotliCompressSync]] as const) {
      const sent = compress(Buffer.from(JSON.stringify({ coding, event: "invoice.paid", total: 1299 })));
      sizes[coding] = sent.length;
      ids[coding] = await send(bin.captureUrl, coding, sent);
    }
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    for (const coding of ["gzip", "deflate", "br"]) {
      await openCapture(page, ids[coding]);
      expect(await page.getAttribute("[data-testid=decoded-body]", "data-showing")).toBe("decoded");
      expect(await page.getAttribute("[data-testid=body-view]", "data-tab")).toBe("pretty");
      const shown = await page.textContent("[data-testid=body-view]");
      expect(shown).toContain('"invoice.paid"');
      expect(shown).toContain(`"${coding}"`);
      await page.click("[data-testid=body-tab-raw]");
      expect(JSON.parse((await page.textContent("[data-testid=raw-view]"))!)).toEqual({ coding, event: "invoice.paid", total: 1299 });
      const decodedSize = JSON.stringify({ coding, event: "invoice.paid", total: 1299 }).length;
      expect(await page.textContent("[data-testid=body-section]")).toContain(`${decodedSize} B · json`);
      // As sent: the compressed bytes, which are not text.
      await page.click("[data-testid=body-raw-toggle]");
      expect(await page.getAttribute("[data-testid=decoded-body]", "data-showing")).toBe("raw");
      expect(await page.textContent("[data-testid=body-section]")).toContain(`${sizes[coding]} B · binary`);
      await page.click("[data-testid=body-decoded-toggle]");
      await page.click("[data-testid=body-tab-pretty]");
    }
    await openCapture(page, ids.gzip);
    expect(await axeProblems(page)).toEqual([]);
    await shotBoth(page, "decoded-body");
    expect(errors).toEqual([]);
  }, 90_000);

  it("refuses a 10 MiB gzip bomb that expands to 1 GiB with a clear note, shows the raw bytes, and keeps capturing", async () => {
    const bin = await createBin(e2e.server, { name: "Bomb" });
    const bomb = gzipBomb();
    const bombId = await send(bin.captureUrl, "gzip", bomb.body);
    const corruptBytes = gzipSync(Buffer.from('{"a":1}'));
    corruptBytes.fill(0x41, 10, 18);
    const corruptId = await send(bin.captureUrl, "gzip", corruptBytes);
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));

    await openCapture(page, bombId);
    expect(await page.getAttribute("[data-testid=decoded-body]", "data-state")).toBe("refused");
    expect(await page.getAttribute("[data-testid=decode-refused]", "data-error")).toBe("decoded_too_large");
    expect(await page.textContent("[data-testid=decode-refused]")).toMatch(/^Too large to decode: the body expands past the limit of 10 MB \(10485760 bytes\)/);
    expect(await page.isDisabled("[data-testid=body-decoded-toggle]")).toBe(true);
    expect(await page.getAttribute("[data-testid=body-view]", "data-tab")).toBe("hex");
    await shotBoth(page, "decode-too-large");

    await openCapture(page, corruptId);
    expect(await page.getAttribute("[data-testid=decode-refused]", "data-error")).toBe("undecodable_body");
    expect(await page.textContent("[data-testid=decode-refused]")).toContain("not valid gzip data");

    // The server is still up and capturing, and the page still live.
    const later = await send(bin.captureUrl, "gzip", gzipSync(Buffer.from('{"after":"bomb"}')));
    await page.waitForSelector(`[data-testid=capture-row][data-id="${later}"]`);
    await openCapture(page, later);
    expect(await page.textContent("[data-testid=body-view]")).toContain('"bomb"');
    expect(errors).toEqual([]);
  }, 90_000);
});
