import { capturePages } from "./captures.ts";
import type { CaptureFilter, CaptureView } from "../schemas/capture.ts";

/** A bin's captures (all, or those `ids` and `filter` pick) as a JSON array of `Capture` or a HAR 1.2 log, streamed page by page. */
export function exportStream(binId: string, format: "har" | "json", origin: string, ids?: string[], filter?: CaptureFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const [open, close] =
    format === "har"
      ? [`{"log":{"version":"1.2","creator":{"name":"Hookjar","version":"0.1.0"},"entries":[`, "]}}"]
      : ["[", "]"];
  const pages = capturePages(binId, ids, filter);
  let first = true;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(open));
      }
      const next = await pages.next();
      if (next.done) {
        controller.enqueue(encoder.encode(close));
        controller.close();
        return;
      }
      const items = next.value.map((c) => JSON.stringify(format === "har" ? toHarEntry(c, origin) : c));
      controller.enqueue(encoder.encode((first ? "" : ",") + items.join(",")));
      first = false;
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

export function toHarEntry(c: CaptureView, origin: string) {
  const url = `${origin}/b/${c.binId}${c.path === "/" ? "" : c.path}${c.query ? `?${c.query}` : ""}`;
  return {
    startedDateTime: c.receivedAt,
    time: 0,
    request: {
      method: c.method,
      url,
      httpVersion: `HTTP/${c.httpVersion}`,
      cookies: [],
      headers: c.headers.map(([name, value]) => ({ name, value })),
      queryString: queryPairs(c.query),
      headersSize: -1,
      bodySize: c.bodySize,
      ...(c.bodySize > 0
        ? {
            postData: {
              mimeType: c.contentType ?? "application/octet-stream",
              text: c.body.data,
              // HAR has no binary post data; "encoding" mirrors what HAR uses for response content.
              ...(c.body.encoding === "base64" ? { encoding: "base64" } : {}),
            },
          }
        : {}),
    },
    response: { status: 0, statusText: "", httpVersion: "", cookies: [], headers: [], content: { size: 0, mimeType: "" }, redirectURL: "", headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    comment: `Hookjar capture ${c.id}`,
  };
}

/** Query pairs as HAR wants them, decoded; a malformed escape is kept as sent. */
function queryPairs(query: string) {
  if (!query) return [];
  return query.split("&").map((part) => {
    const eq = part.indexOf("=");
    const [name, value] = eq === -1 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
    return { name: decode(name), value: decode(value) };
  });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}
