import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "../runtime/errors.ts";

/**
 * The guard that keeps resend and forwarding from becoming an SSRF proxy: which addresses a
 * shared deployment must not reach, whether this deployment is shared, and resolution that
 * checks every address a name has before anything connects.
 */

type Range = { bytes: number[]; bits: number; label: string };

function range(cidr: string, label: string): Range {
  const [address, bits] = cidr.split("/");
  return { bytes: ipBytes(address)!, bits: Number(bits), label };
}

const IPV4_BLOCKED: Range[] = [
  range("0.0.0.0/8", "unspecified (\"this network\")"),
  range("10.0.0.0/8", "private"),
  range("100.64.0.0/10", "shared (carrier-grade NAT)"),
  range("127.0.0.0/8", "loopback"),
  range("169.254.0.0/16", "link-local (cloud metadata lives here)"),
  range("172.16.0.0/12", "private"),
  range("192.0.0.0/24", "IETF protocol assignment"),
  range("192.168.0.0/16", "private"),
  range("198.18.0.0/15", "benchmarking"),
  range("224.0.0.0/4", "multicast"),
  range("240.0.0.0/4", "reserved (including broadcast)"),
];

const IPV6_BLOCKED: Range[] = [
  range("::/128", "unspecified"),
  range("::1/128", "loopback"),
  range("64:ff9b:1::/48", "local-use NAT64"),
  range("100::/64", "discard-only"),
  range("fc00::/7", "unique local (private)"),
  range("fe80::/10", "link-local"),
  range("fec0::/10", "site-local"),
  range("ff00::/8", "multicast"),
];

// IPv6 forms that carry an IPv4 address: judged by that address, so ::ffff:10.0.0.1 is private.
const IPV4_CARRIERS: { range: Range; offset: number; xor?: number }[] = [
  { range: range("::ffff:0:0/96", "IPv4-mapped"), offset: 12 },
  { range: range("::ffff:0:0:0/96", "IPv4-translated"), offset: 12 },
  { range: range("::/96", "IPv4-compatible"), offset: 12 },
  { range: range("64:ff9b::/96", "NAT64"), offset: 12 },
  { range: range("2002::/16", "6to4"), offset: 2 },
  // Teredo stores the client's IPv4 address inverted in the last four bytes.
  { range: range("2001::/32", "Teredo"), offset: 12, xor: 0xff },
];

/** An IP address as bytes (4 or 16), or null when it is not one. Accepts a zone id and brackets. */
export function ipBytes(address: string): number[] | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const version = isIP(bare);
  if (version === 4) return bare.split(".").map(Number);
  if (version !== 6) return null;
  let text = bare.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const groups = (s: string) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = tail === null ? [] : groups(tail);
  const words = [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function inRange(bytes: number[], r: Range): boolean {
  if (bytes.length !== r.bytes.length) return false;
  for (let bit = 0; bit < r.bits; bit += 8) {
    const mask = r.bits - bit >= 8 ? 0xff : (0xff << (8 - (r.bits - bit))) & 0xff;
    if ((bytes[bit / 8] & mask) !== (r.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

function blockedBytes(bytes: number[]): string | null {
  if (bytes.length === 4) return IPV4_BLOCKED.find((r) => inRange(bytes, r))?.label ?? null;
  const own = IPV6_BLOCKED.find((r) => inRange(bytes, r));
  if (own) return own.label;
  for (const carrier of IPV4_CARRIERS) {
    if (!inRange(bytes, carrier.range)) continue;
    const v4 = bytes.slice(carrier.offset, carrier.offset + 4).map((b) => b ^ (carrier.xor ?? 0));
    const inner = blockedBytes(v4);
    if (inner) return `${carrier.range.label} ${inner}`;
  }
  return null;
}

/**
 * Why an address must not be reached from a shared deployment ("loopback", "private", …), or
 * null when it is a public address. Anything that is not an IP address counts as blocked.
 */
export function blockedRange(address: string): string | null {
  const bytes = ipBytes(address);
  return bytes ? blockedBytes(bytes) : "not an IP address";
}

/** True when the server listens on loopback only: then only this machine can use it. */
export function listensOnLoopbackOnly(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || (isIP(bare) !== 0 && blockedRange(bare) === "loopback");
}

/** Private targets are this machine's own business when nobody else can reach the app. */
export function privateTargetsAllowed(config: { HOST: string; RESEND_ALLOW_PRIVATE?: boolean }): boolean {
  return config.RESEND_ALLOW_PRIVATE ?? listensOnLoopbackOnly(config.HOST);
}

export type ResolvedAddress = { address: string; family: 4 | 6 };

/**
 * Resolves a URL's hostname and refuses it when any of its addresses is blocked (a name with one
 * public and one private address is refused: which one a client picks is not ours to control).
 * The caller connects only to the addresses returned, so DNS cannot change its answer in between.
 */
export async function resolveTarget(hostname: string, allowPrivate: boolean): Promise<ResolvedAddress[]> {
  const host = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookupAll(host);
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const blocked = blockedRange(address);
      if (!blocked) continue;
      const via = address === host ? "" : ` (${host} resolves to ${address})`;
      throw new AppError("target_blocked",
        `Refusing to send to ${address}${via}: it is a ${blocked} address. This server is reachable by others, ` +
          "so it only sends to public addresses; set RESEND_ALLOW_PRIVATE=true to allow private targets.",
      );
    }
  }
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

async function lookupAll(host: string) {
  try {
    const found = await lookup(host, { all: true, verbatim: true });
    if (found.length) return found;
  } catch {
    // Reported below in words; the resolver's codes (ENOTFOUND, EAI_AGAIN) mean little to a person.
  }
  throw new AppError("target_unreachable", `Could not resolve the host name "${host}".`);
}

/**
 * Refuses, before anything is saved or started, a target every send would refuse (auto-forward,
 * replays). A name that does not resolve today may tomorrow, and each send checks again anyway.
 */
export async function checkTarget(url: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  try {
    await resolveTarget(new URL(url).hostname, false);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "target_unreachable")) throw error;
  }
}
