import { describe, expect, it } from "vitest";
import { blockedRange, ipBytes, listensOnLoopbackOnly, privateTargetsAllowed, resolveTarget } from "./ssrf.ts";

// Pure classification: none of these addresses is ever contacted.
describe("blockedRange", () => {
  const blocked: [string, RegExp][] = [
    ["127.0.0.1", /loopback/],
    ["127.255.255.254", /loopback/],
    ["10.0.0.1", /private/],
    ["10.255.255.255", /private/],
    ["172.16.0.1", /private/],
    ["172.31.255.255", /private/],
    ["192.168.1.1", /private/],
    ["169.254.169.254", /link-local/],
    ["169.254.0.1", /link-local/],
    ["100.64.0.1", /carrier-grade/],
    ["100.127.255.255", /carrier-grade/],
    ["0.0.0.0", /unspecified/],
    ["224.0.0.1", /multicast/],
    ["239.255.255.250", /multicast/],
    ["255.255.255.255", /reserved/],
    ["::", /unspecified/],
    ["::1", /loopback/],
    ["[::1]", /loopback/],
    ["fc00::1", /unique local/],
    ["fd12:3456:789a::1", /unique local/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["febf::1", /link-local/],
    ["ff02::1", /multicast/],
    ["::ffff:10.0.0.1", /IPv4-mapped private/],
    ["::ffff:a00:1", /IPv4-mapped private/],
    ["::ffff:7f00:1", /IPv4-mapped loopback/],
    ["::ffff:169.254.169.254", /IPv4-mapped link-local/],
    ["0:0:0:0:0:ffff:c0a8:0101", /IPv4-mapped private/],
    ["::10.0.0.1", /IPv4-compatible private/],
    ["::ffff:0:7f00:1", /IPv4-translated loopback/],
    ["64:ff9b::a9fe:a9fe", /NAT64 link-local/],
    ["64:ff9b::192.168.0.1", /NAT64 private/],
    ["64:ff9b:1::1", /local-use NAT64/],
    ["2002:7f00:1::", /6to4 loopback/],
    ["2001:0:4136:e378:8000:63bf:f5ff:fffe", /Teredo private/], // client 10.0.0.1, inverted
    ["not-an-ip", /not an IP/],
  ];
  for (const [address, why] of blocked) {
    it(`refuses ${address}`, () => expect(blockedRange(address)).toMatch(why));
  }

  const allowed = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "169.253.255.255",
    "11.0.0.1",
    "192.169.0.1",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "fbff::1",
    "2a00:1450::1",
  ];
  for (const address of allowed) {
    it(`allows public ${address}`, () => expect(blockedRange(address)).toBeNull());
  }
});

describe("ipBytes", () => {
  it("expands IPv6 with :: and an embedded dotted quad", () => {
    expect(ipBytes("::ffff:10.0.0.1")).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 10, 0, 0, 1]);
    expect(ipBytes("fe80::1")).toEqual([0xfe, 0x80, ...Array(13).fill(0), 1]);
    expect(ipBytes("1:2:3:4:5:6:7:8")).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect(ipBytes("10.1.2.3")).toEqual([10, 1, 2, 3]);
    expect(ipBytes("example.com")).toBeNull();
  });
});

describe("private target policy", () => {
  it("allows private targets only while the server listens on loopback, unless overridden", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]) {
      expect(listensOnLoopbackOnly(host), host).toBe(true);
      expect(privateTargetsAllowed({ HOST: host }), host).toBe(true);
      expect(privateTargetsAllowed({ HOST: host, RESEND_ALLOW_PRIVATE: false }), host).toBe(false);
    }
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "hooks.example.com"]) {
      expect(listensOnLoopbackOnly(host), host).toBe(false);
      expect(privateTargetsAllowed({ HOST: host }), host).toBe(false);
      expect(privateTargetsAllowed({ HOST: host, RESEND_ALLOW_PRIVATE: true }), host).toBe(true);
    }
  });
});

describe("resolveTarget", () => {
  it("refuses a name that resolves to a loopback address, naming both", async () => {
    await expect(resolveTarget("localhost", false)).rejects.toMatchObject({
      code: "target_blocked",
      message: expect.stringMatching(/localhost resolves to (127\.0\.0\.1|::1).*loopback/),
    });
  });

  it("refuses IP literals in blocked ranges without resolving anything", async () => {
    await expect(resolveTarget("[::ffff:a00:1]", false)).rejects.toMatchObject({ code: "target_blocked" });
    await expect(resolveTarget("169.254.169.254", false)).rejects.toMatchObject({ code: "target_blocked" });
  });

  it("returns the checked addresses when private targets are allowed", async () => {
    expect(await resolveTarget("127.0.0.1", true)).toEqual([{ address: "127.0.0.1", family: 4 }]);
    expect(await resolveTarget("[::1]", true)).toEqual([{ address: "::1", family: 6 }]);
    const local = await resolveTarget("localhost", true);
    expect(local.length).toBeGreaterThan(0);
    for (const { address } of local) expect(["127.0.0.1", "::1"]).toContain(address);
  });
});
