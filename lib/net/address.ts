// Which IP addresses the server may send requests to. An address is public only when it is global
// unicast; every IPv6 form that carries an IPv4 address (mapped, compatible, translated, NAT64,
// 6to4, Teredo) is judged by the IPv4 address inside it, so `[::ffff:7f00:1]` is loopback.
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

export type AddressVerdict = {
  /** The address as given. */
  address: string;
  isPublic: boolean;
  /** Why, in words: "a loopback address", "6to4 for 169.254.169.254, a link-local address". */
  description: string;
};

const RANGE_WORDS: Record<string, string> = {
  unicast: "a public address",
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address",
  private: "a private address",
  reserved: "a reserved or documentation address",
  as112: "an AS112 address",
  amt: "an AMT relay address",
  benchmarking: "a benchmarking address",
  uniqueLocal: "a unique local address",
  deprecatedSiteLocal: "a site-local address",
  discard: "a discard-only address",
  deprecatedOrchid: "an ORCHID address",
  orchid2: "an ORCHID address",
  droneRemoteIdProtocolEntityTags: "a drone remote ID address",
  segmentRouting: "a segment-routing address",
  as112v6: "an AS112 address",
};
const words = (range: string) => RANGE_WORDS[range] ?? `a special-purpose address (${range})`;

function judgeIPv4(v4: ipaddr.IPv4): { isPublic: boolean; description: string } {
  const range = v4.range();
  return { isPublic: range === "unicast", description: words(range) };
}

const v4At = (parts: number[], i: number, invert = false) => {
  const hi = invert ? ~parts[i]! & 0xffff : parts[i]!;
  const lo = invert ? ~parts[i + 1]! & 0xffff : parts[i + 1]!;
  return new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
};

const NAT64 = ipaddr.parseCIDR("64:ff9b::/96");
const NAT64_LOCAL = ipaddr.parseCIDR("64:ff9b:1::/48");
const SIX_TO_FOUR = ipaddr.parseCIDR("2002::/16");
const TEREDO = ipaddr.parseCIDR("2001::/32");
const GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3");

/** The IPv4 addresses an IPv6 transition form carries, and the form's name; null for plain IPv6. */
function embeddedIPv4(v6: ipaddr.IPv6): { form: string; inside: ipaddr.IPv4[] } | null {
  const p = v6.parts;
  const zeros = (n: number) => p.slice(0, n).every((x) => x === 0);
  if (zeros(5) && p[5] === 0xffff) return { form: "IPv4-mapped", inside: [v4At(p, 6)] };
  if (zeros(4) && p[4] === 0xffff && p[5] === 0)
    return { form: "IPv4-translated", inside: [v4At(p, 6)] };
  // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 are judged as IPv6 below.
  if (zeros(6) && (p[6] !== 0 || p[7]! > 1))
    return { form: "IPv4-compatible", inside: [v4At(p, 6)] };
  if (v6.match(NAT64)) return { form: "NAT64", inside: [v4At(p, 6)] };
  if (v6.match(SIX_TO_FOUR)) return { form: "6to4", inside: [v4At(p, 1)] };
  // Teredo: the server's address in plain, the client's inverted in the last 32 bits.
  if (v6.match(TEREDO)) return { form: "Teredo", inside: [v4At(p, 2), v4At(p, 6, true)] };
  return null;
}

function judgeIPv6(v6: ipaddr.IPv6): { isPublic: boolean; description: string } {
  if (v6.match(NAT64_LOCAL))
    return { isPublic: false, description: "a local-use NAT64 address (64:ff9b:1::/48)" };
  const embedded = embeddedIPv4(v6);
  if (embedded) {
    const judged = embedded.inside.map((v4) => ({ v4, ...judgeIPv4(v4) }));
    const worst = judged.find((j) => !j.isPublic) ?? judged[0]!;
    return {
      isPublic: judged.every((j) => j.isPublic),
      description: `the ${embedded.form} form of ${worst.v4.toString()}, ${worst.description}`,
    };
  }
  const range = v6.range();
  if (range === "unicast" && !v6.match(GLOBAL_UNICAST))
    return { isPublic: false, description: "an unallocated IPv6 address (outside 2000::/3)" };
  return { isPublic: range === "unicast", description: words(range) };
}

/** Judges one IP address in canonical text form (what DNS answers and what a URL parser leaves). */
export function classifyAddress(address: string): AddressVerdict {
  const version = isIP(address);
  if (version === 0) return { address, isPublic: false, description: "not an IP address" };
  const parsed = ipaddr.parse(address);
  const verdict =
    parsed.kind() === "ipv4" ? judgeIPv4(parsed as ipaddr.IPv4) : judgeIPv6(parsed as ipaddr.IPv6);
  return { address, ...verdict };
}

export const isPublicAddress = (address: string) => classifyAddress(address).isPublic;
