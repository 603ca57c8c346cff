// What a backend app publishes at its JWKS URL, judged: each key (kid, kty, alg, size, RFC 7638
// thumbprint, age since first seen) and the problems that make it unsafe or unusable for SMART
// backend services (private_key_jwt signed with RS384 or ES384). Parsing and thumbprints are jose's.
import { calculateJwkThumbprint, importJWK, type JWK } from "jose";

export type KeyProblemCode =
  | "unreachable"
  | "invalid_document"
  | "no_usable_key"
  | "weak_rsa"
  | "private_key"
  | "duplicate_kid"
  | "key_too_old";

/** Short names for signals and lists. */
export const KEY_PROBLEM_LABELS: Record<string, string> = {
  unreachable: "JWKS URL unreachable",
  invalid_document: "JWKS not readable",
  no_usable_key: "no RS384/ES384 key",
  weak_rsa: "RSA under 2048 bits",
  private_key: "private key published",
  duplicate_kid: "duplicate kids",
  key_too_old: "key due for rotation",
};

export type KeyProblem = { code: KeyProblemCode; message: string; kid?: string | null };

export type KeyInfo = {
  kid: string | null;
  kty: string;
  alg: string | null;
  /** RSA modulus bits, or the EC curve's size. */
  size: number | null;
  thumbprint: string;
  firstSeenAt: string;
};

export type KeyCheck = { keys: KeyInfo[]; problems: KeyProblem[] };

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;
const CURVE_BITS: Record<string, number> = { "P-256": 256, "P-384": 384, "P-521": 521 };
const MIN_RSA_BITS = 2048;
const DAY_MS = 86_400_000;

function rsaBits(n: unknown): number | null {
  if (typeof n !== "string") return null;
  const bytes = Buffer.from(n, "base64url");
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i) * 8 - (Math.clz32(bytes[i]!) - 24);
}

const sizeOf = (jwk: JWK) =>
  jwk.kty === "RSA"
    ? rsaBits(jwk.n)
    : jwk.kty === "EC"
      ? (CURVE_BITS[jwk.crv ?? ""] ?? null)
      : null;

/** The algorithm the key can sign SMART client assertions with, if any. */
async function usableAlg(jwk: JWK, size: number | null): Promise<"RS384" | "ES384" | null> {
  if (jwk.use !== undefined && jwk.use !== "sig") return null;
  if (jwk.key_ops && !jwk.key_ops.includes("verify")) return null;
  const alg =
    jwk.kty === "RSA" && (size ?? 0) >= MIN_RSA_BITS && (!jwk.alg || jwk.alg === "RS384")
      ? "RS384"
      : jwk.kty === "EC" && jwk.crv === "P-384" && (!jwk.alg || jwk.alg === "ES384")
        ? "ES384"
        : null;
  if (!alg) return null;
  try {
    await importJWK(publicPart(jwk), alg);
    return alg;
  } catch {
    return null;
  }
}

function publicPart(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_MEMBERS) delete copy[member];
  return copy as JWK;
}

/**
 * Judges a JWKS document. `firstSeen` maps thumbprints to when each key was first seen (new keys
 * get `now`); `rotationDays` is the policy's maximum key age.
 */
export async function analyzeJwks(
  document: unknown,
  firstSeen: ReadonlyMap<string, Date>,
  now: Date,
  rotationDays: number,
): Promise<KeyCheck> {
  const list =
    typeof document === "object" &&
    document !== null &&
    Array.isArray((document as { keys?: unknown }).keys)
      ? (document as { keys: unknown[] }).keys
      : null;
  if (!list)
    return {
      keys: [],
      problems: [
        {
          code: "invalid_document",
          message: 'The JWKS URL did not answer with a JSON object holding a "keys" list.',
        },
      ],
    };
  const keys: KeyInfo[] = [];
  const problems: KeyProblem[] = [];
  const kids = new Map<string, number>();
  let usable = 0;
  for (const raw of list) {
    if (typeof raw !== "object" || raw === null || typeof (raw as JWK).kty !== "string") {
      problems.push({
        code: "invalid_document",
        message: "A key in the set is not a JWK (no kty).",
      });
      continue;
    }
    const jwk = raw as JWK;
    const kid = typeof jwk.kid === "string" ? jwk.kid : null;
    let thumbprint: string;
    try {
      thumbprint = await calculateJwkThumbprint(publicPart(jwk), "sha256");
    } catch {
      problems.push({
        code: "invalid_document",
        message: `Key ${kid ?? "(no kid)"} cannot be read as a ${jwk.kty} key.`,
        kid,
      });
      continue;
    }
    const size = sizeOf(jwk);
    const seen = firstSeen.get(thumbprint) ?? now;
    keys.push({
      kid,
      kty: jwk.kty!,
      alg: jwk.alg ?? null,
      size,
      thumbprint,
      firstSeenAt: seen.toISOString(),
    });
    if (kid !== null) kids.set(kid, (kids.get(kid) ?? 0) + 1);
    if (PRIVATE_MEMBERS.some((m) => m in jwk))
      problems.push({
        code: "private_key",
        message: `Key ${kid ?? thumbprint} publishes private key material: replace it now, it is compromised.`,
        kid,
      });
    if (jwk.kty === "RSA" && size !== null && size < MIN_RSA_BITS)
      problems.push({
        code: "weak_rsa",
        message: `Key ${kid ?? thumbprint} is RSA ${size} bits; at least ${MIN_RSA_BITS} are needed.`,
        kid,
      });
    if (now.getTime() - seen.getTime() > rotationDays * DAY_MS)
      problems.push({
        code: "key_too_old",
        message: `Key ${kid ?? thumbprint} was first seen ${Math.floor((now.getTime() - seen.getTime()) / DAY_MS)} days ago; policy asks for rotation every ${rotationDays} days.`,
        kid,
      });
    if (await usableAlg(jwk, size)) usable++;
  }
  for (const [kid, count] of kids)
    if (count > 1)
      problems.push({
        code: "duplicate_kid",
        message: `${count} keys share the kid "${kid}": a verifier cannot tell which to use.`,
        kid,
      });
  if (usable === 0)
    problems.push({
      code: "no_usable_key",
      message:
        "No key can verify RS384 or ES384 client assertions (RSA of 2048+ bits, or EC P-384).",
    });
  return { keys, problems };
}
