import { BlockList, isIP } from "node:net";

/**
 * `TRUST_PROXY`: which hops in front of Hookjar may say who the client is. Off, every capture's
 * `remoteAddress` is the TCP peer; on, it is taken from `X-Forwarded-For`, walking back from the
 * peer through trusted proxies only — anything further left was written by the client and proves
 * nothing.
 */
export type TrustProxy = { hops: number } | { trusted: BlockList } | null;

/** A hop count (`1`: one proxy in front) or a comma-separated list of addresses and CIDR ranges. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim();
  if (!text || text === "false" || text === "0") return null;
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const trusted = new BlockList();
  for (const entry of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : /^\d+$/.test(bits) ? Number(bits) : NaN;
    if (!family || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      throw new Error(`"${entry}" is neither a hop count nor an IP address or CIDR range (e.g. 1, or 10.0.0.0/8,::1)`);
    }
    trusted.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return { trusted };
}

// Node reports IPv4 peers of a dual-stack socket as ::ffff:a.b.c.d.
const unmapped = (address: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address);

function isTrusted(list: BlockList, address: string): boolean {
  const plain = unmapped(address);
  const family = isIP(plain);
  return family !== 0 && list.check(plain, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address: the peer's, or the `X-Forwarded-For` entry the last trusted proxy saw. */
export function clientAddress(peer: string | undefined, forwardedFor: string[], trust: TrustProxy): string | null {
  if (!peer) return null;
  if (!trust) return peer;
  // Left to right as the hops appended them; the peer is the last hop.
  const chain = [...forwardedFor.flatMap((line) => line.split(",")).map((s) => s.trim()).filter(Boolean), peer];
  let index = chain.length - 1;
  if ("hops" in trust) index = Math.max(0, index - trust.hops);
  else while (index > 0 && isTrusted(trust.trusted, chain[index])) index--;
  // A proxy that passed on garbage: the proxy itself is the best we know.
  return isIP(unmapped(chain[index])) ? chain[index] : chain[Math.min(index + 1, chain.length - 1)];
}
