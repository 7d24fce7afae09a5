// Which addresses the primary may connect to for a proxy. A proxy's token holder chooses the URL
// the health checker calls, so without this the checker would probe the primary's own network:
// services on loopback, the cloud metadata address, private ranges. Public unicast addresses are
// allowed, and so is whatever the operator lists in MERIDIAN_PROXY_ALLOWED_NETWORKS; loopback
// also in demo mode and outside production, where agents run beside the primary.
// Pure: no I/O, no configuration read (env.ts parses the list with parseNetwork).
import { BlockList, isIP } from "node:net";

/** Why an address is refused, as a category: what a reason may say of it. */
export type Refusal = "loopback" | "private" | "link-local" | "special";

export type Family = "ipv4" | "ipv6";

export interface Network {
  address: string;
  prefix: number;
  family: Family;
}

export interface DestinationPolicy {
  allowed: Record<Family, BlockList>;
  allowLoopback: boolean;
}

/** The configuration a policy is made from (see server/env.ts). */
export interface DestinationConfig {
  MERIDIAN_PROXY_ALLOWED_NETWORKS: Network[];
  proxyLoopbackAllowed: boolean;
}

// IANA's special-purpose registries, in the order they are checked (so ::1 is loopback, not "special").
const REFUSED: Record<Family, [Refusal, string[]][]> = {
  ipv4: [
    ["loopback", ["127.0.0.0/8"]],
    ["link-local", ["169.254.0.0/16"]], // includes the cloud metadata service, 169.254.169.254
    ["private", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10" /* carrier-grade NAT */]],
    [
      "special",
      [
        "0.0.0.0/8", // "this network": 0.0.0.0 reaches the primary itself
        "192.0.0.0/24", // IETF protocol assignments
        "192.0.2.0/24", // documentation
        "198.51.100.0/24", // documentation
        "203.0.113.0/24", // documentation
        "192.88.99.0/24", // 6to4 relay anycast
        "198.18.0.0/15", // benchmarking
        "224.0.0.0/4", // multicast
        "240.0.0.0/4", // reserved, and the broadcast address 255.255.255.255
      ],
    ],
  ],
  ipv6: [
    ["loopback", ["::1/128"]],
    ["link-local", ["fe80::/10"]],
    ["private", ["fc00::/7" /* unique local */, "fec0::/10" /* site-local */, "64:ff9b:1::/48" /* local-use translation */]],
    [
      "special",
      [
        "2001::/23", // IETF protocol assignments (Teredo among them)
        "2001:db8::/32", // documentation
        "3fff::/20", // documentation
        "2002::/16", // 6to4, which embeds an IPv4 address
        // Everything outside 2000::/3, the global unicast block: ::, IPv4-compatible, multicast ff00::/8, …
        "::/3",
        "4000::/2",
        "8000::/1",
      ],
    ],
  ],
};

function blockList(networks: Network[]): BlockList {
  const list = new BlockList();
  for (const n of networks) list.addSubnet(n.address, n.prefix, n.family);
  return list;
}

function cidr(text: string, family: Family): Network {
  const [address, prefix] = text.split("/");
  return { address, prefix: Number(prefix), family };
}

// One list per family: Node matches IPv4 queries against IPv6 rules (as ::ffff:a.b.c.d), so the
// families stay apart, and IPv4 embedded in IPv6 is unwrapped by hand (destinationAllowed).
const CATEGORIES: Record<Family, [Refusal, BlockList][]> = {
  ipv4: REFUSED.ipv4.map(([refusal, cidrs]) => [refusal, blockList(cidrs.map((c) => cidr(c, "ipv4")))]),
  ipv6: REFUSED.ipv6.map(([refusal, cidrs]) => [refusal, blockList(cidrs.map((c) => cidr(c, "ipv6")))]),
};

export function createPolicy({ allowedNetworks = [], allowLoopback = false }: { allowedNetworks?: Network[]; allowLoopback?: boolean } = {}): DestinationPolicy {
  return {
    allowed: {
      ipv4: blockList(allowedNetworks.filter((n) => n.family === "ipv4")),
      ipv6: blockList(allowedNetworks.filter((n) => n.family === "ipv6")),
    },
    allowLoopback,
  };
}

const fromConfig = new WeakMap<DestinationConfig, DestinationPolicy>();

/** The policy the configuration describes; built once per configuration object. */
export function policyFromConfig(config: DestinationConfig): DestinationPolicy {
  let policy = fromConfig.get(config);
  if (!policy) {
    policy = createPolicy({ allowedNetworks: config.MERIDIAN_PROXY_ALLOWED_NETWORKS, allowLoopback: config.proxyLoopbackAllowed });
    fromConfig.set(config, policy);
  }
  return policy;
}

/**
 * Null when the primary may connect to `address` (an IPv4 or IPv6 address, as DNS answers it),
 * else the category that refuses it. An IPv6 form of an IPv4 address (mapped ::ffff:a.b.c.d,
 * translated ::ffff:0:a.b.c.d, NAT64 64:ff9b::a.b.c.d) is judged as that IPv4 address.
 */
export function destinationAllowed(address: string, policy: DestinationPolicy): Refusal | null {
  const bare = address.replace(/%.*$/, ""); // an IPv6 zone (fe80::1%eth0) says which link, not which host
  const version = isIP(bare);
  if (version === 0) throw new TypeError(`not an IP address: ${address}`);
  if (version === 6) {
    const embedded = embeddedIPv4(bare);
    if (embedded) return policy.allowed.ipv6.check(bare, "ipv6") ? null : destinationAllowed(embedded, policy);
  }
  const family: Family = version === 4 ? "ipv4" : "ipv6";
  if (policy.allowed[family].check(bare, family)) return null;
  const refusal = CATEGORIES[family].find(([, list]) => list.check(bare, family))?.[0] ?? null;
  return refusal === "loopback" && policy.allowLoopback ? null : refusal;
}

/** The IP address a URL's host is written as, or null for a name (which is resolved later). */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return isIP(host) ? host : null;
}

/** "a private address": for a reason or a validation message, never naming the address. */
export function describeRefusal(refusal: Refusal): string {
  switch (refusal) {
    case "loopback":
      return "a loopback address";
    case "private":
      return "a private address";
    case "link-local":
      return "a link-local address (such as the cloud metadata service)";
    case "special":
      return "a reserved or special-purpose address (unspecified, multicast, documentation, benchmarking)";
  }
}

/** `10.0.0.0/8`, `fd00::/8`, or a bare address (one host), as MERIDIAN_PROXY_ALLOWED_NETWORKS lists them. */
export function parseNetwork(text: string): Network | { problem: string } {
  const [address, prefixText, ...rest] = text.split("/");
  const version = address.includes("%") ? 0 : isIP(address);
  if (version === 0 || rest.length) return { problem: "is not an IPv4 or IPv6 network like 10.0.0.0/8 or fd00::/8" };
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return { problem: `has a prefix length that is not 0 to ${bits}` };
  const bytes = addressBytes(address);
  const hostBits = (i: number) => Math.max(0, Math.min(8, (i + 1) * 8 - prefix)); // of byte i
  const masked = bytes.map((byte, i) => byte & ((0xff << hostBits(i)) & 0xff));
  if (masked.some((byte, i) => byte !== bytes[i])) return { problem: `has bits set past its /${prefix} prefix (the network is ${formatBytes(masked)}/${prefix})` };
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

function addressBytes(address: string): number[] {
  if (isIP(address) === 4) return address.split(".").map(Number);
  return ipv6Groups(address).flatMap((group) => [group >> 8, group & 0xff]);
}

function formatBytes(bytes: number[]): string {
  if (bytes.length === 4) return bytes.join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16));
  return new URL(`http://[${groups.join(":")}]`).hostname.slice(1, -1); // URL writes it canonically
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(address: string): number[] {
  // The URL parser writes IPv6 canonically: lower case, hex only (no dotted quad), one "::" at most.
  const canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
  const [head, tail] = canonical.includes("::") ? canonical.split("::") : [canonical, undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const [front, back] = [parse(head), parse(tail)];
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function embeddedIPv4(address: string): string | null {
  const g = ipv6Groups(address);
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const mapped = zero(0, 5) && g[5] === 0xffff;
  const translated = zero(0, 4) && g[4] === 0xffff && g[5] === 0;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6);
  return mapped || translated || nat64 ? `${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}` : null;
}
