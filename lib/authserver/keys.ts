// Key material of the embedded authorization server: the signing keys (a private JWK set) and the
// cookie keys. Generated here for development (scripts keep them in .data/); production passes
// them in the environment so every instance signs and verifies with the same keys.
import { generateKeyPairSync, hkdfSync, randomBytes } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { z } from "zod";

const ZPrivateJwk = z
  .looseObject({
    kty: z.enum(["RSA", "EC"], "each key's kty must be RSA or EC"),
    d: z.string({ error: "each key must be a private key (with its d member)" }).min(1),
    kid: z.string().min(1).optional(),
    alg: z.string().optional(),
    use: z.literal("sig", "each key's use must be sig").optional(),
  })
  .transform((jwk) => jwk as JWK & { kty: "RSA" | "EC"; d: string });

const ZPrivateJwks = z.object({
  keys: z
    .array(ZPrivateJwk)
    .min(1, "the set holds no keys")
    .refine((keys) => keys.some((k) => k.kty === "RSA"), {
      message: "the set needs an RSA key (ID tokens and access tokens are signed with RS256)",
    }),
});

export type SigningJwks = { keys: (JWK & { kty: "RSA" | "EC"; d: string })[] };

/** Parses AUTH_JWKS; throws with a message naming what is wrong. */
export function parseSigningJwks(text: string): SigningJwks {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('AUTH_JWKS is not JSON: it must be a private JWK set, {"keys": [...]}.');
  }
  const parsed = ZPrivateJwks.safeParse(json);
  if (!parsed.success) throw new Error(`AUTH_JWKS: ${parsed.error.issues[0]?.message}.`);
  return parsed.data;
}

/** Parses AUTH_COOKIE_KEYS: comma-separated, the first signs, all verify (so keys can rotate). */
export function parseCookieKeys(text: string): string[] {
  const keys = text
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0 || keys.some((k) => k.length < 32))
    throw new Error(
      "AUTH_COOKIE_KEYS must be one or more comma-separated keys of 32+ characters (e.g. `openssl rand -base64 32`).",
    );
  return keys;
}

/** A fresh signing key set: one RSA key (RS256), its kid the key's thumbprint. */
export async function generateSigningJwks(): Promise<SigningJwks> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" }) as JWK & { kty: "RSA"; d: string };
  const kid = await calculateJwkThumbprint(jwk);
  return { keys: [{ ...jwk, kid, alg: "RS256", use: "sig" }] };
}

export const generateCookieKeys = (): string => randomBytes(32).toString("base64url");
export const generateRegistrationToken = (): string =>
  `swreg_${randomBytes(32).toString("base64url")}`;

/** The 256-bit key that encrypts the secrets the authorization server must read back (client secrets). */
export function deriveEncryptionKey(material: string): Buffer {
  return Buffer.from(
    hkdfSync("sha256", material, "scopewarden", "authorization-server/secrets-at-rest", 32),
  );
}
