import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy } from "./trust-proxy.ts";

describe("TRUST_PROXY", () => {
  const xff = ["198.51.100.9, 203.0.113.7", "10.1.2.3"];

  it("is off unless set: the peer is the client, whatever X-Forwarded-For says", () => {
    for (const off of [undefined, "", "0", "false"]) expect(clientAddress("127.0.0.1", xff, parseTrustProxy(off))).toBe("127.0.0.1");
  });

  it("with a hop count, steps back that many hops and no further", () => {
    expect(clientAddress("127.0.0.1", xff, parseTrustProxy("1"))).toBe("10.1.2.3");
    expect(clientAddress("127.0.0.1", xff, parseTrustProxy("2"))).toBe("203.0.113.7");
    expect(clientAddress("127.0.0.1", xff, parseTrustProxy("9"))).toBe("198.51.100.9");
    expect(clientAddress("127.0.0.1", [], parseTrustProxy("1"))).toBe("127.0.0.1");
  });

  it("with ranges, steps back only through trusted addresses (IPv4-mapped peers included)", () => {
    const trust = parseTrustProxy("127.0.0.1, 10.0.0.0/8, ::1");
    expect(clientAddress("::ffff:127.0.0.1", xff, trust)).toBe("203.0.113.7");
    expect(clientAddress("::1", ["192.0.2.1"], trust)).toBe("192.0.2.1");
    // An untrusted peer may have written the whole header itself.
    expect(clientAddress("192.0.2.50", xff, trust)).toBe("192.0.2.50");
  });

  it("does not take garbage for an address", () => {
    expect(clientAddress("127.0.0.1", ["not-an-ip"], parseTrustProxy("1"))).toBe("127.0.0.1");
  });

  it("refuses what is neither a count nor addresses", () => {
    for (const bad of ["yes", "10.0.0.0/33", "::1/129", "10.0.0.0/8/1", "10.0.0.0/x"]) expect(() => parseTrustProxy(bad)).toThrow(/neither a hop count/);
  });
});
