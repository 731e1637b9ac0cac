import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 22 base62 chars ≈ 131 bits: unguessable, URL-safe, never sequential. */
export function newBinId(): string {
  return randomString(22, BASE62);
}

/** A secret handed out once for private bins. */
export function newToken(): string {
  return randomString(32, BASE62);
}

function randomString(length: number, alphabet: string): string {
  // Rejection sampling keeps every character uniformly distributed.
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

let lastTime = 0;
let lastRandom: number[] = [];

/**
 * ULID: 48-bit ms timestamp + 80 random bits, Crockford base32. Monotonic within a process,
 * so ordering by id is arrival order and a cursor is just the last id seen.
 */
export function newSortableId(now = Date.now()): string {
  if (now <= lastTime) {
    now = lastTime;
    incrementBase32(lastRandom);
  } else {
    lastTime = now;
    lastRandom = Array.from(randomBytes(16), (b) => b % 32);
  }
  let time = "";
  for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  return time + lastRandom.map((d) => CROCKFORD[d]).join("");
}

function incrementBase32(digits: number[]): void {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] < 31) {
      digits[i]++;
      return;
    }
    digits[i] = 0;
  }
}
