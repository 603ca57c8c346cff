// Where an outbound request may go: the URL's host is resolved once and every address it resolves
// to is checked. The caller then connects to the checked address itself (guarded-fetch.ts), so a
// DNS answer that changes between the check and the connection cannot redirect the request.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { classifyAddress, type AddressVerdict } from "./address";

export type Resolve = (host: string) => Promise<string[]>;

export type OutboundPolicy = {
  /** Loopback, private, link-local and other non-public addresses may be targets too. */
  allowPrivateTargets: boolean;
  /** Default: the system resolver (getaddrinfo, /etc/hosts included), as node:http would use. */
  resolve?: Resolve;
};

export type OutboundErrorCode =
  "invalid_url" | "refused_target" | "unresolvable" | "timeout" | "too_large" | "network";

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    /** For refused targets: the host and the address that was refused. */
    readonly refused?: { host: string; verdict: AddressVerdict; isLiteral: boolean },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "OutboundError";
  }
}

export type CheckedTarget = { url: URL; host: string; address: string; family: 4 | 6 };

export const systemResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** "127.0.0.1 is a loopback address" / "intranet.example resolves to 10.0.0.5, a private address". */
export function describeRefusal(refused: NonNullable<OutboundError["refused"]>): string {
  const { host, verdict, isLiteral } = refused;
  return isLiteral
    ? `${host} is ${verdict.description}`
    : `${host} resolves to ${verdict.address}, ${verdict.description}`;
}

function parseUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError("invalid_url", "The URL is not valid.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new OutboundError("invalid_url", `Only http:// and https:// URLs can be requested.`);
  return url;
}

/**
 * Resolves the URL's host once and checks every address (the WHATWG parser has already turned
 * spellings such as http://2130706433/ or http://0x7f.1/ into 127.0.0.1). Returns the address to
 * connect to; throws OutboundError when the URL is invalid, does not resolve, or is refused.
 */
export async function checkTarget(
  raw: string | URL,
  policy: OutboundPolicy,
): Promise<CheckedTarget> {
  const url = parseUrl(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const isLiteral = isIP(host) !== 0;
  let addresses: string[];
  try {
    addresses = isLiteral ? [host] : await (policy.resolve ?? systemResolve)(host);
  } catch (error) {
    const code = (error as { code?: string } | null)?.code ?? "lookup failed";
    throw new OutboundError("unresolvable", `Could not resolve ${host}: ${code}.`, undefined, {
      cause: error,
    });
  }
  if (addresses.length === 0)
    throw new OutboundError("unresolvable", `Could not resolve ${host}: no addresses.`);
  if (!policy.allowPrivateTargets) {
    for (const address of addresses) {
      const verdict = classifyAddress(address);
      if (verdict.isPublic) continue;
      const refused = { host, verdict, isLiteral };
      throw new OutboundError(
        "refused_target",
        `Refused: ${describeRefusal(refused)}. Internal targets are allowed only with OUTBOUND_ALLOW_PRIVATE_TARGETS=true.`,
        refused,
      );
    }
  }
  const address = addresses[0]!;
  const family = isIP(address);
  if (family === 0)
    throw new OutboundError("unresolvable", `Could not resolve ${host}: ${address}.`);
  return { url, host, address, family: family as 4 | 6 };
}
