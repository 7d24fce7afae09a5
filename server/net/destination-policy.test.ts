import { describe, expect, it } from "vitest";
import { createPolicy, destinationAllowed, literalAddress, parseNetwork, policyFromConfig, type Network } from "./destination-policy";

const production = createPolicy();

describe("destinationAllowed, as a production deployment has it (no allow-list, no loopback)", () => {
  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.215.14",
    // Just outside each refused IPv4 range.
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "126.255.255.255",
    "128.0.0.0",
    "169.253.255.255",
    "169.255.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.167.255.255",
    "192.169.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "2000::1",
    "3ffe::1",
    "::ffff:8.8.8.8",
    "::ffff:0:8.8.8.8",
    "64:ff9b::8.8.8.8",
  ])("allows the public address %s", (address) => {
    expect(destinationAllowed(address, production)).toBeNull();
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:7f00:1", "loopback"],
    ["::ffff:0:127.0.0.1", "loopback"], // IPv4-translated
    ["64:ff9b::127.0.0.1", "loopback"], // NAT64
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["100.127.255.255", "private"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:c0a8:101", "private"],
    ["::ffff:0:10.1.2.3", "private"],
    ["64:ff9b::192.168.0.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fec0::1", "private"],
    ["64:ff9b:1::a00:1", "private"],
    ["169.254.169.254", "link-local"],
    ["169.254.0.1", "link-local"],
    ["::ffff:169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["0.0.0.0", "special"],
    ["0.1.2.3", "special"],
    ["::", "special"],
    ["::ffff:0.0.0.0", "special"],
    ["::1.2.3.4", "special"], // IPv4-compatible (deprecated)
    ["224.0.0.1", "special"],
    ["239.255.255.250", "special"],
    ["255.255.255.255", "special"],
    ["240.0.0.1", "special"],
    ["192.0.0.8", "special"],
    ["192.0.2.1", "special"],
    ["198.51.100.7", "special"],
    ["203.0.113.9", "special"],
    ["198.18.0.1", "special"],
    ["198.19.255.255", "special"],
    ["192.88.99.1", "special"],
    ["ff02::1", "special"],
    ["ff05::1:3", "special"],
    ["2001:db8::1", "special"],
    ["3fff::1", "special"],
    ["2001::1", "special"], // Teredo
    ["2002:a00:1::1", "special"], // 6to4 of 10.0.0.1
    ["100::1", "special"], // discard-only
    ["5f00::1", "special"],
  ])("refuses %s as %s", (address, refusal) => {
    expect(destinationAllowed(address, production)).toBe(refusal);
  });

  it("is not fooled by spelling: upper case and uncompressed forms are the same address", () => {
    expect(destinationAllowed("FE80:0000:0000:0000:0000:0000:0000:0001", production)).toBe("link-local");
    expect(destinationAllowed("0000:0000:0000:0000:0000:FFFF:0A00:0001", production)).toBe("private");
  });

  it("throws on what is not an address: a caller's bug, not a proxy's", () => {
    expect(() => destinationAllowed("example.com", production)).toThrow(TypeError);
  });
});

describe("what loosens the policy", () => {
  it("allows loopback, in every spelling, in demo mode and development, and nothing else with it", () => {
    const demo = createPolicy({ allowLoopback: true });
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "64:ff9b::127.0.0.1"]) expect(destinationAllowed(address, demo), address).toBeNull();
    expect(destinationAllowed("0.0.0.0", demo)).toBe("special");
    expect(destinationAllowed("::", demo)).toBe("special");
    expect(destinationAllowed("10.0.0.1", demo)).toBe("private");
    expect(destinationAllowed("169.254.169.254", demo)).toBe("link-local");
  });

  it("allows the networks an operator lists, IPv4 also in its IPv6 forms, and only those", () => {
    const networks = ["10.1.0.0/16", "fd00:1::/32", "169.254.169.254"].map((n) => parseNetwork(n) as Network);
    const policy = createPolicy({ allowedNetworks: networks });
    for (const address of ["10.1.2.3", "::ffff:10.1.2.3", "64:ff9b::10.1.0.1", "fd00:1::5", "169.254.169.254"]) expect(destinationAllowed(address, policy), address).toBeNull();
    expect(destinationAllowed("10.2.0.1", policy)).toBe("private");
    expect(destinationAllowed("fd00:2::5", policy)).toBe("private");
    expect(destinationAllowed("169.254.169.253", policy)).toBe("link-local");
    expect(destinationAllowed("127.0.0.1", policy)).toBe("loopback");
  });

  it("lets 127.0.0.0/8 in the list allow loopback outside demo mode", () => {
    const policy = createPolicy({ allowedNetworks: [parseNetwork("127.0.0.0/8") as Network] });
    expect(destinationAllowed("127.0.0.1", policy)).toBeNull();
    expect(destinationAllowed("::1", policy)).toBe("loopback");
  });

  it("builds one policy per configuration", () => {
    const config = { MERIDIAN_PROXY_ALLOWED_NETWORKS: [], proxyLoopbackAllowed: true };
    expect(policyFromConfig(config)).toBe(policyFromConfig(config));
    expect(destinationAllowed("127.0.0.1", policyFromConfig(config))).toBeNull();
    expect(destinationAllowed("127.0.0.1", policyFromConfig({ ...config, proxyLoopbackAllowed: false }))).toBe("loopback");
  });
});

describe("parseNetwork", () => {
  it.each([
    ["10.0.0.0/8", { address: "10.0.0.0", prefix: 8, family: "ipv4" }],
    ["192.168.1.7", { address: "192.168.1.7", prefix: 32, family: "ipv4" }],
    ["0.0.0.0/0", { address: "0.0.0.0", prefix: 0, family: "ipv4" }],
    ["fd00::/8", { address: "fd00::", prefix: 8, family: "ipv6" }],
    ["2001:db8:0:1::/64", { address: "2001:db8:0:1::", prefix: 64, family: "ipv6" }],
    ["::1", { address: "::1", prefix: 128, family: "ipv6" }],
  ])("reads %s", (text, network) => {
    expect(parseNetwork(text)).toEqual(network);
  });

  it.each([
    ["banana", /not an IPv4 or IPv6 network/],
    ["10.0.0/8", /not an IPv4 or IPv6 network/],
    ["10.0.0.0/8/9", /not an IPv4 or IPv6 network/],
    ["fe80::/64%eth0", /prefix length/],
    ["fe80::%eth0/64", /not an IPv4 or IPv6 network/],
    ["10.0.0.0/33", /prefix length that is not 0 to 32/],
    ["10.0.0.0/", /prefix length/],
    ["10.0.0.0/-1", /prefix length/],
    ["fd00::/129", /prefix length that is not 0 to 128/],
    ["10.0.0.1/8", /bits set past its \/8 prefix \(the network is 10\.0\.0\.0\/8\)/],
    ["172.16.5.4/12", /the network is 172\.16\.0\.0\/12/],
    ["fd00::1/8", /the network is fd00::\/8/],
  ])("refuses %s, saying why", (text, problem) => {
    const result = parseNetwork(text);
    expect(result).toEqual({ problem: expect.stringMatching(problem) });
  });
});

describe("literalAddress", () => {
  it.each([
    ["http://10.0.0.1:4100/", "10.0.0.1"],
    ["https://[::1]/", "::1"],
    ["https://[::ffff:10.0.0.1]/", "::ffff:a00:1"],
    // Shorthand IPv4 spellings are written out by the URL parser, so they are caught too.
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["https://eu.example.com/", null],
    ["http://localhost:4100/", null],
  ])("%s → %s", (url, address) => {
    expect(literalAddress(new URL(url))).toBe(address);
  });
});
