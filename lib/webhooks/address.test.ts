import { describe, expect, it } from "vitest";
import { isPublicAddress, privateTargetReason } from "./address";

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.0.0.5",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fd00::1",
    "fc12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "ff02::1",
    "::ffff:10.0.0.1",
    "::ffff:127.0.0.1",
    "2001:db8::1",
    "not-an-ip",
    "",
    "1.2.3",
    "256.1.1.1",
  ])("refuses %s", (ip) => expect(isPublicAddress(ip)).toBe(false));

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "::ffff:93.184.216.34",
    "2a00:1450:4001:80b::200e",
  ])("accepts %s", (ip) => expect(isPublicAddress(ip)).toBe(true));
});

describe("privateTargetReason", () => {
  const resolve = (map: Record<string, string[]>) => async (host: string) => {
    if (!map[host]) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return map[host]!;
  };

  it("passes a host whose every address is public", async () => {
    expect(
      await privateTargetReason(
        "https://hooks.example.com/x",
        resolve({ "hooks.example.com": ["93.184.216.34"] }),
      ),
    ).toBeNull();
  });

  it("names the host and the first internal address it resolves to", async () => {
    expect(
      await privateTargetReason(
        "https://intranet.example.com/x",
        resolve({ "intranet.example.com": ["93.184.216.34", "192.168.0.10"] }),
      ),
    ).toBe(
      "Refused: intranet.example.com is a private or loopback address (192.168.0.10); set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow internal endpoints.",
    );
  });

  it("judges IP literals without a lookup, bracketed IPv6 included", async () => {
    const never = async () => {
      throw new Error("no lookup expected");
    };
    expect(
      await privateTargetReason("http://localhost:8080/x", resolve({ localhost: ["127.0.0.1"] })),
    ).toContain("(127.0.0.1)");
    expect(await privateTargetReason("https://[::1]/x", never)).toContain("(::1)");
    expect(await privateTargetReason("https://169.254.169.254/latest/meta-data", never)).toContain(
      "(169.254.169.254)",
    );
  });

  it("reports a name that does not resolve", async () => {
    expect(await privateTargetReason("https://nowhere.invalid/x", resolve({}))).toBe(
      "Could not resolve nowhere.invalid: ENOTFOUND.",
    );
  });
});
