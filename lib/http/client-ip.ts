// The client's address. By default it is the TCP peer (the socket's remote address): a header
// the client sends is never believed. Behind load balancers, X-Forwarded-For is read from the
// right, one hop per proxy the operator trusts (TRUSTED_PROXIES: addresses, CIDR ranges or
// ipaddr.js range names such as "private"; or TRUSTED_PROXY_HOPS: a fixed number of proxies).
// The front server (lib/runtime/front-server.ts) works the address out once per request and
// hands it to Next.js in CLIENT_IP_HEADER, replacing whatever the client sent under that name.
import ipaddr from "ipaddr.js";

/** Set by the front server on every request it passes on; a client's own copy is replaced. */
export const CLIENT_IP_HEADER = "x-scopewarden-client-ip";

export type ProxyTrust =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "list"; ranges: ((address: ipaddr.IPv4 | ipaddr.IPv6) => boolean)[] };

const RANGE_NAMES = new Set([
  "loopback",
  "private",
  "linkLocal",
  "uniqueLocal",
  "carrierGradeNat",
  "unicast",
]);

/** RFC 5952 text for IPv6, dotted quad for IPv4. */
const canonical = (address: ipaddr.IPv4 | ipaddr.IPv6): string => address.toString();

function parseAddress(value: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let text = value.trim();
  // "[2001:db8::1]:443" and "192.0.2.1:443" as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  if (!ipaddr.isValid(text)) return null;
  const address = ipaddr.parse(text);
  // "::ffff:192.0.2.1" is the IPv4 client a dual-stack socket reports.
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** The canonical text of an address, or null when it is not one. */
export function normalizeAddress(value: string | null | undefined): string | null {
  const address = value ? parseAddress(value) : null;
  return address ? canonical(address) : null;
}

/** Reads TRUSTED_PROXIES / TRUSTED_PROXY_HOPS; throws with a message naming the bad entry. */
export function parseProxyTrust(list: string | undefined, hops: string | undefined): ProxyTrust {
  if (list?.trim() && hops?.trim())
    throw new Error("Set TRUSTED_PROXIES or TRUSTED_PROXY_HOPS, not both");
  if (hops?.trim()) {
    const n = Number(hops);
    if (!Number.isInteger(n) || n < 0 || n > 10)
      throw new Error("TRUSTED_PROXY_HOPS must be a whole number from 0 to 10");
    return n === 0 ? { kind: "none" } : { kind: "hops", hops: n };
  }
  const entries = (list ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!entries.length) return { kind: "none" };
  const ranges = entries.map((entry) => {
    if (RANGE_NAMES.has(entry)) return (a: ipaddr.IPv4 | ipaddr.IPv6) => a.range() === entry;
    try {
      if (entry.includes("/")) {
        const [net, bits] = ipaddr.parseCIDR(entry);
        return (a: ipaddr.IPv4 | ipaddr.IPv6) => a.kind() === net.kind() && a.match(net, bits);
      }
      const one = parseAddress(entry);
      if (!one) throw new Error();
      const text = canonical(one);
      return (a: ipaddr.IPv4 | ipaddr.IPv6) => canonical(a) === text;
    } catch {
      throw new Error(
        `TRUSTED_PROXIES: "${entry}" is not an address, a CIDR range (10.0.0.0/8) or a range name (${[...RANGE_NAMES].join(", ")})`,
      );
    }
  });
  return { kind: "list", ranges };
}

/**
 * The client's address: the socket's peer unless that peer is a trusted proxy, in which case
 * X-Forwarded-For is walked from the right past every trusted hop. A malformed entry stops the
 * walk at the proxy that appended it.
 */
export function resolveClientAddress(
  socketAddress: string | null | undefined,
  forwardedFor: string | string[] | null | undefined,
  trust: ProxyTrust,
): string | null {
  const peer = socketAddress ? parseAddress(socketAddress) : null;
  if (!peer) return null;
  if (trust.kind === "none") return canonical(peer);
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(-20);
  // Right to left: the socket, then each address the proxies appended.
  const chain = [peer, ...hops.reverse().map(parseAddress)];
  if (trust.kind === "hops") {
    let index = 0;
    while (index < trust.hops && index + 1 < chain.length && chain[index + 1]) index++;
    return canonical(chain[index]!);
  }
  let index = 0;
  while (
    index + 1 < chain.length &&
    chain[index + 1] &&
    trust.ranges.some((isTrusted) => isTrusted(chain[index]!))
  )
    index++;
  return canonical(chain[index]!);
}

/** The address the front server put in CLIENT_IP_HEADER, when there is one. */
export function ipFromHeaders(get: (name: string) => string | null | undefined): string | null {
  return normalizeAddress(get(CLIENT_IP_HEADER));
}
