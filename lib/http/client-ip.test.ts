import { describe, expect, it } from "vitest";
import { parseProxyTrust, resolveClientAddress } from "./client-ip";

const none = parseProxyTrust(undefined, undefined);

describe("resolveClientAddress", () => {
  it("uses the socket's peer and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8", none)).toBe(
      "203.0.113.9",
    );
    expect(resolveClientAddress(undefined, "198.51.100.1", none)).toBeNull();
  });

  it("walks X-Forwarded-For from the right past trusted proxies only", () => {
    const trust = parseProxyTrust("10.0.0.0/8, 127.0.0.1", undefined);
    // The client forged the leftmost entry; the trusted balancer appended the real one.
    expect(resolveClientAddress("10.0.0.5", "6.6.6.6, 203.0.113.9", trust)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9, 10.1.2.3", trust)).toBe("203.0.113.9");
    // A peer that is not a trusted proxy is the client, whatever it claims.
    expect(resolveClientAddress("198.51.100.7", "203.0.113.9", trust)).toBe("198.51.100.7");
    // A malformed entry stops the walk at the proxy that appended it.
    expect(resolveClientAddress("10.0.0.5", "203.0.113.9, nonsense", trust)).toBe("10.0.0.5");
    // Only trusted hops all the way: the leftmost entry.
    expect(resolveClientAddress("10.0.0.5", "10.0.0.6", trust)).toBe("10.0.0.6");
  });

  it("takes a fixed number of hops from the right with TRUSTED_PROXY_HOPS", () => {
    const trust = parseProxyTrust(undefined, "1");
    expect(resolveClientAddress("10.0.0.5", "6.6.6.6, 203.0.113.9", trust)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.5", undefined, trust)).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", "[2001:db8::1]:443", trust)).toBe("2001:db8::1");
  });

  it("accepts range names and refuses what is not an address", () => {
    const trust = parseProxyTrust("private, loopback", undefined);
    expect(resolveClientAddress("192.168.1.1", "203.0.113.9", trust)).toBe("203.0.113.9");
    expect(() => parseProxyTrust("10.0.0.0/99", undefined)).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseProxyTrust("example.com", undefined)).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseProxyTrust("10.0.0.1", "1")).toThrow(/not both/);
    expect(() => parseProxyTrust(undefined, "-1")).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
