import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";

const MiB = 1024 * 1024;

/**
 * A gzip body of just under 10 MiB that expands to over 1 GiB: sixteen members of 64 MiB of zeros
 * (gzip readers concatenate members), padded with a stored member of random bytes.
 */
export function gzipBomb(): { body: Buffer; expanded: number } {
  const zeros = gzipSync(Buffer.alloc(64 * MiB), { level: 9 });
  const bombs = Buffer.concat(Array.from({ length: 16 }, () => zeros));
  const padding = gzipSync(randomBytes(10 * MiB - bombs.length - 64 * 1024), { level: 0 });
  return { body: Buffer.concat([bombs, padding]), expanded: 1024 * MiB + 10 * MiB - bombs.length - 64 * 1024 };
}
