import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyAddress, isPublicAddress } from "./address";
import { checkTarget, OutboundError, type Resolve } from "./target";

const refuse = { allowPrivateTargets: false };
const noLookup: Resolve = async (host) => {
  throw new Error(`no lookup expected for ${host}`);
};

/** What a caller sees for a URL: the refusal message, or "allowed <address>". */
async function verdictOf(url: string, resolve: Resolve = noLookup): Promise<string> {
  try {
    const target = await checkTarget(url, { ...refuse, resolve });
    return `allowed ${target.address}`;
  } catch (error) {
    if (error instanceof OutboundError) return error.message;
    throw error;
  }
}

describe("outbound targets: every spelling of an internal address is refused", () => {
  // [URL as typed, the address the URL parser leaves, what it is]
  const internal: [string, string, string][] = [
    ["http://127.0.0.1/", "127.0.0.1", "a loopback address"],
    ["http://2130706433/", "127.0.0.1", "a loopback address"],
    ["http://0x7f.1/", "127.0.0.1", "a loopback address"],
    ["http://0x7f000001/", "127.0.0.1", "a loopback address"],
    ["http://0177.0.0.1/", "127.0.0.1", "a loopback address"],
    ["http://127.1/", "127.0.0.1", "a loopback address"],
    ["http://0/", "0.0.0.0", "an unspecified address"],
    ["http://2852039166/latest/meta-data", "169.254.169.254", "a link-local address"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254", "a link-local address"],
    ["http://0251.0376.0251.0376/", "169.254.169.254", "a link-local address"],
    ["https://10.1.2.3/", "10.1.2.3", "a private address"],
    ["https://172.16.0.1/", "172.16.0.1", "a private address"],
    ["https://192.168.1.1/", "192.168.1.1", "a private address"],
    ["https://100.64.0.1/", "100.64.0.1", "a carrier-grade NAT address"],
    ["https://198.18.0.1/", "198.18.0.1", "a reserved or documentation address"],
    ["https://192.0.2.10/", "192.0.2.10", "a reserved or documentation address"],
    ["https://240.0.0.1/", "240.0.0.1", "a reserved or documentation address"],
    ["https://224.0.0.1/", "224.0.0.1", "a multicast address"],
    ["https://255.255.255.255/", "255.255.255.255", "a broadcast address"],
    ["http://[::1]/", "::1", "a loopback address"],
    ["http://[::]/", "::", "an unspecified address"],
    ["http://[fe80::1]/", "fe80::1", "a link-local address"],
    ["http://[fd00:ec2::254]/", "fd00:ec2::254", "a unique local address"],
    ["http://[ff02::1]/", "ff02::1", "a multicast address"],
    ["http://[2001:db8::1]/", "2001:db8::1", "a reserved or documentation address"],
    ["http://[4000::1]/", "4000::1", "an unallocated IPv6 address (outside 2000::/3)"],
    ["http://[::127.0.0.1]/", "::7f00:1", "the IPv4-compatible form of 127.0.0.1"],
    ["http://[::7f00:1]/", "::7f00:1", "the IPv4-compatible form of 127.0.0.1"],
    ["http://[::a9fe:a9fe]/", "::a9fe:a9fe", "the IPv4-compatible form of 169.254.169.254"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1", "the IPv4-mapped form of 127.0.0.1"],
    ["http://[::ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe", "the IPv4-mapped form of 169.254.169.254"],
    ["http://[::ffff:0:7f00:1]/", "::ffff:0:7f00:1", "the IPv4-translated form of 127.0.0.1"],
    ["http://[64:ff9b::7f00:1]/", "64:ff9b::7f00:1", "the NAT64 form of 127.0.0.1"],
    ["http://[64:ff9b::a9fe:a9fe]/", "64:ff9b::a9fe:a9fe", "the NAT64 form of 169.254.169.254"],
    ["http://[64:ff9b::10.0.0.1]/", "64:ff9b::a00:1", "the NAT64 form of 10.0.0.1"],
    ["http://[64:ff9b:1::808:808]/", "64:ff9b:1::808:808", "a local-use NAT64 address"],
    ["http://[2002:7f00:1::]/", "2002:7f00:1::", "the 6to4 form of 127.0.0.1"],
    ["http://[2002:a9fe:a9fe::]/", "2002:a9fe:a9fe::", "the 6to4 form of 169.254.169.254"],
    // Teredo: server 65.54.227.120, client 127.0.0.1 (stored inverted: 80ff:fffe).
    [
      "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
      "2001:0:4136:e378:8000:63bf:80ff:fffe",
      "the Teredo form of 127.0.0.1",
    ],
    // Teredo with a private server address.
    ["http://[2001:0:a00:1::f7f7:f7f7]/", "2001:0:a00:1::f7f7:f7f7", "the Teredo form of 10.0.0.1"],
  ];

  it.each(internal)("refuses %s (%s, %s)", async (url, address, what) => {
    const message = await verdictOf(url);
    expect(message).toContain(`Refused: ${address} is ${what}`);
    expect(message).toContain("OUTBOUND_ALLOW_PRIVATE_TARGETS=true");
    expect(isPublicAddress(address)).toBe(false);
  });

  it("refuses a name when any address it resolves to is internal, naming that address", async () => {
    const resolve: Resolve = async () => ["93.184.216.34", "64:ff9b::a9fe:a9fe"];
    expect(await verdictOf("https://hooks.example.com/x", resolve)).toBe(
      "Refused: hooks.example.com resolves to 64:ff9b::a9fe:a9fe, the NAT64 form of 169.254.169.254, a link-local address. Internal targets are allowed only with OUTBOUND_ALLOW_PRIVATE_TARGETS=true.",
    );
    expect(await verdictOf("http://localhost:8080/", async () => ["127.0.0.1"])).toContain(
      "localhost resolves to 127.0.0.1, a loopback address",
    );
  });

  it.each([
    ["https://93.184.216.34/", "93.184.216.34"],
    ["http://134744072/", "8.8.8.8"],
    ["https://[2606:4700:4700::1111]/", "2606:4700:4700::1111"],
    ["https://[::ffff:8.8.8.8]/", "::ffff:808:808"],
    ["https://[64:ff9b::8.8.8.8]/", "64:ff9b::808:808"],
    ["https://[2002:808:808::1]/", "2002:808:808::1"],
  ])("allows the public address %s", async (url, address) => {
    expect(await verdictOf(url)).toBe(`allowed ${address}`);
  });

  it("reports names that do not resolve and URLs it cannot fetch", async () => {
    const nx: Resolve = async () => {
      throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    };
    expect(await verdictOf("https://nowhere.invalid/", nx)).toBe(
      "Could not resolve nowhere.invalid: ENOTFOUND.",
    );
    expect(await verdictOf("file:///etc/passwd")).toMatch(/Only http:\/\/ and https:\/\//);
    expect(await verdictOf("not a url")).toBe("The URL is not valid.");
  });

  it("lets everything through, still resolved once, when the operator allows internal targets", async () => {
    const target = await checkTarget("http://[::ffff:127.0.0.1]:8080/", {
      allowPrivateTargets: true,
    });
    expect(target).toMatchObject({ address: "::ffff:7f00:1", family: 6 });
  });
});

describe("classifyAddress", () => {
  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
  const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
  const inverted = (a: number, b: number) => (~((a << 8) | b) & 0xffff).toString(16);

  it("judges every IPv6 form that carries an IPv4 address by that IPv4 address", () => {
    let internalSeen = 0;
    fc.assert(
      fc.property(v4, ([a, b, c, d]) => {
        const plain = classifyAddress(`${a}.${b}.${c}.${d}`);
        if (!plain.isPublic) internalSeen++;
        const [hi, lo] = [hex(a, b), hex(c, d)];
        const forms = [
          `::ffff:${hi}:${lo}`,
          `::ffff:0:${hi}:${lo}`,
          `64:ff9b::${hi}:${lo}`,
          `2002:${hi}:${lo}::1`,
          `2001:0:4136:e378:8000:63bf:${inverted(a, b)}:${inverted(c, d)}`,
          ...(a === 0 && b === 0 && c === 0 && d <= 1 ? [] : [`::${hi}:${lo}`]),
        ];
        for (const form of forms)
          expect([form, classifyAddress(form).isPublic]).toEqual([form, plain.isPublic]);
      }),
      { numRuns: 500, examples: [[[127, 0, 0, 1]], [[169, 254, 169, 254]], [[10, 0, 0, 1]]] },
    );
    expect(internalSeen).toBeGreaterThan(0);
  });

  it("says what a non-public address is", () => {
    expect(classifyAddress("not-an-ip")).toMatchObject({
      isPublic: false,
      description: "not an IP address",
    });
    expect(classifyAddress("fe80::1%eth0")).toMatchObject({ isPublic: false });
    expect(classifyAddress("8.8.8.8")).toMatchObject({ isPublic: true });
  });
});
