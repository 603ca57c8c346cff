// What a partner may give as a backend client's keys: a JWK set of public signing keys the AS
// can verify RS384 or ES384 client assertions with. Pure (runs in the browser form too).

/** JWK members that only private or symmetric keys have. */
export const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

export const CLIENT_ASSERTION_ALGS = ["RS384", "ES384"] as const;

export type PublicJwk = Record<string, unknown> & { kty: string };
export type PublicJwks = { keys: PublicJwk[] };

/** Why a key cannot sign RS384/ES384 client assertions, or null when it can. */
function unusableReason(jwk: PublicJwk): string | null {
  if (jwk.use !== undefined && jwk.use !== "sig") return `its use is "${String(jwk.use)}", not sig`;
  if (jwk.alg !== undefined && !CLIENT_ASSERTION_ALGS.includes(jwk.alg as "RS384"))
    return `its alg ${String(jwk.alg)} is neither RS384 nor ES384`;
  if (jwk.kty === "RSA")
    return typeof jwk.n === "string" && typeof jwk.e === "string" ? null : "it lacks n or e";
  if (jwk.kty === "EC") {
    if (jwk.crv !== "P-384") return `its curve ${String(jwk.crv)} is not P-384 (ES384)`;
    return typeof jwk.x === "string" && typeof jwk.y === "string" ? null : "it lacks x or y";
  }
  return `its kty ${String(jwk.kty)} is neither RSA nor EC`;
}

/**
 * The key set with only its usable public keys, or the problem in words a partner can act on.
 * Private key material is refused outright and never echoed back.
 */
export function checkPublicJwks(value: unknown): PublicJwks | { problem: string } {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!value || typeof value !== "object" || !Array.isArray(keys))
    return { problem: 'is not a JWK set: it must look like {"keys": [ … ]}' };
  if (keys.length === 0) return { problem: "holds no keys" };
  const reasons: string[] = [];
  const usable: PublicJwk[] = [];
  for (const [i, key] of keys.entries()) {
    if (!key || typeof key !== "object") {
      reasons.push(`key ${i + 1} is not an object`);
      continue;
    }
    const secret = PRIVATE_JWK_MEMBERS.find((m) => m in key);
    if (secret)
      return {
        problem: `holds private key material (key ${i + 1} has "${secret}"): publish only the public half; nothing was stored`,
      };
    const reason = unusableReason(key as PublicJwk);
    if (reason) reasons.push(`key ${i + 1}: ${reason}`);
    else usable.push(key as PublicJwk);
  }
  if (usable.length === 0)
    return { problem: `holds no usable RS384 or ES384 public key (${reasons.join("; ")})` };
  return { keys: usable };
}
