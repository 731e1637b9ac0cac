/**
 * Fresh ids and times for each sample served: a receiver that drops repeated deliveries, or
 * refuses stale timestamps, must take every sample as new.
 */

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export const uuid = () => crypto.randomUUID();

/** `length` random characters of `alphabet` (default: letters and digits). */
export function randomChars(length: number, alphabet = ALPHANUMERIC): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export const randomDigits = (length: number) => randomChars(length, "0123456789");
export const randomHex = (length: number) => randomChars(length, "0123456789abcdef");

/** Seconds since the Unix epoch. */
export const unixNow = (now: Date) => Math.floor(now.getTime() / 1000);

export const json = (value: unknown) => ({ encoding: "utf8" as const, data: JSON.stringify(value) });
