// Client credentials. Secrets are 256-bit random values, so a fast SHA-256 is a sound hash for
// them (no dictionary to guard against, unlike passwords); the secret is shown once, never stored.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const newClientId = () => `swc_${randomBytes(12).toString("hex")}`;

export function newClientSecret(): { secret: string; hash: string } {
  const secret = `sws_${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashSecret(secret) };
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
