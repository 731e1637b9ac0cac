import { request } from "node:http";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, asOwner, openInspector, openPage, serverAndBrowser } from "../helpers/browser.ts";
import { createBin } from "../helpers/server.ts";

// The settings panel's "What a sender gets" is what a sender gets: compared, header by header, with
// the answer a real request receives (status, body, every header Hookjar sets; Node's own Date
// and Connection aside), for the default answer and for a custom one, with and without an Origin;
// and the Limits count stays the list's while captures arrive.

const e2e = serverAndBrowser();
const EXAMPLE_ID = "01JEXAMPLECAPTURE000000000";
const NODE_OWN = new Set(["date", "connection", "keep-alive"]);

type Answer = { statusLine: string; headers: string[]; body: string };

/** A real sender's answer, as `curl -i` would show it (raw header lines, in order, with their case). */
function send(url: string, origin: string | null): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const headers: [string, string][] = [["Host", target.host], ["Content-Type", "application/json"], ...(origin ? [["Origin", origin] as [string, string]] : [])];
    const req = request({ host: target.hostname, port: target.port, method: "POST", path: target.pathname, headers: headers.flat() }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const lines: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (!NODE_OWN.has(res.rawHeaders[i].toLowerCase())) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        resolve({ statusLine: `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`, headers: lines, body: Buffer.concat(chunks).toString() });
      });
    });
    req.on("error", reject);
    req.end('{"hello":"world"}');
  });
}

/** The preview as the panel shows it. */
async function preview(page: Page): Promise<Answer> {
  const text = (await page.textContent("[data-testid=response-preview]"))!;
  const [head, ...rest] = text.split("\n\n");
  const [statusLine, ...headers] = head.split("\n");
  return { statusLine, headers, body: rest.join("\n\n") };
}

async function openSettings(page: Page) {
  await page.click("[data-testid=settings-toggle]");
  await page.waitForSelector("[data-testid=settings-dialog] [data-testid=response-preview]");
}

describe("the settings panel's preview of the answer", () => {
  it("equals a real sender's answer: the default { ok, id } and a custom response, with the Origin echoed", async () => {
    const bin = await createBin(e2e.server);
    const { page, errors } = await openPage(e2e.browser, e2e.server.url);
    await openInspector(page, asOwner(bin));
    await openSettings(page);
    expect(await page.textContent("[data-testid=limit-captures]")).toMatch(/^0 of 1,000/);

    for (const origin of [null, "https://sender.example"]) {
      await page.fill("[data-testid=response-preview-origin]", origin ?? "");
      const shown = await preview(page);
      const real = await send(bin.captureUrl, origin);
      const id = JSON.parse(real.body).id as string;
      expect(id).toHaveLength(EXAMPLE_ID.length);
      expect({ ...shown, body: shown.body.replace(EXAMPLE_ID, id) }).toEqual(real);
      expect(real.headers).toContain(`Access-Control-Allow-Origin: ${origin ?? "*"}`);
    }
    // Limits count what the list counts, live, while the panel stays open.
    await expect.poll(() => page.textContent("[data-testid=limit-captures]")).toMatch(/^2 of 1,000/);
    await shoot(page, "settings-preview-default");

    // A custom response, saved: the preview is what senders get from then on.
    await page.fill("[data-testid=response-status]", "202");
    await page.fill("[data-testid=response-headers]", "X-Mode: mock\nContent-Type: text/plain; charset=utf-8\nContent-Length: 3");
    await page.fill("[data-testid=response-body]", "queued — thanks");
    expect(await page.getAttribute("[data-testid=response-preview-box]", "data-pending")).toBe("true");
    await page.click("[data-testid=response-save]");
    await page.waitForSelector("[data-testid=response-current]:has-text('Senders get 202')");
    expect(await page.getAttribute("[data-testid=response-preview-box]", "data-pending")).toBe("false");
    for (const origin of ["https://sender.example", null]) {
      await page.fill("[data-testid=response-preview-origin]", origin ?? "");
      expect(await preview(page)).toEqual(await send(bin.captureUrl, origin));
    }
    await shoot(page, "settings-preview-custom");
    expect(errors).toEqual([]);
  });
});

async function shoot(page: Page, name: string) {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.getByTestId("response-preview-box").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
