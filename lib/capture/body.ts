import type { IncomingMessage } from "node:http";

export type BodyResult = { ok: true; body: Uint8Array<ArrayBuffer> } | { ok: false };

/** Reads the raw body up to `limit` bytes; past it, stops keeping bytes and reports failure. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve({ ok: true, body: ownCopy(chunks, size) }));
    req.on("error", reject);
  });
}

/**
 * The chunks joined in memory of the body's own. Buffer.concat would slice a small body out of Node's
 * shared 8 KiB pool, and a pooled view copied to another thread (SQLite's writer) carries the whole
 * slab with it: other requests' bytes, and 4 µs of a capture's event-loop time.
 */
function ownCopy(chunks: Buffer[], size: number): Uint8Array<ArrayBuffer> {
  const body = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}
