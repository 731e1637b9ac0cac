import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 22 base62 chars ≈ 131 bits: unguessable, URL-safe, never sequential. */
export function newBinId(): string {
  return randomString(22, BASE62);
}

/** A response rule's id: short, unique within its bin. */
export function newRuleId(): string {
  return `r_${randomString(10, BASE62)}`;
}

/** A secret handed out once: a view token or a manage key (32 base62 chars ≈ 190 bits). */
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

/**
 * ULID: 48-bit ms timestamp + 80 random bits, Crockford base32. Monotonic within a process, so
 * ids made in one millisecond still sort in creation order.
 */
class SortableIds {
  private lastTime = 0;
  // The timestamp's ten characters, made once per millisecond rather than once per id.
  private time = "";
  private lastRandom: number[] = [];

  next(now: number): string {
    if (now <= this.lastTime) {
      incrementBase32(this.lastRandom);
    } else {
      this.lastTime = now;
      this.time = "";
      for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) this.time = CROCKFORD[t % 32] + this.time;
      this.lastRandom = this.randomDigits();
    }
    let id = this.time;
    for (const digit of this.lastRandom) id += CROCKFORD[digit];
    return id;
  }

  // Random bytes drawn 4 KiB at a time: one call per millisecond of captures cost more than the rest of the id.
  private pool = Buffer.alloc(0);
  private taken = 0;

  /** Sixteen random base-32 digits (80 bits). */
  private randomDigits(): number[] {
    if (this.taken + 16 > this.pool.length) {
      this.pool = randomBytes(4096);
      this.taken = 0;
    }
    const digits = Array.from(this.pool.subarray(this.taken, this.taken + 16), (b) => b % 32);
    this.taken += 16;
    return digits;
  }
}

// The process's one generator: ids stay sorted across the capture path and the API.
const ids = new SortableIds();

/** A new ULID from the process's one generator. */
export function newSortableId(now = Date.now()): string {
  return ids.next(now);
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
