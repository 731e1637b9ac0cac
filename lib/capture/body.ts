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
    req.on("end", () => resolve({ ok: true, body: Buffer.concat(chunks, size) }));
    req.on("error", reject);
  });
}
