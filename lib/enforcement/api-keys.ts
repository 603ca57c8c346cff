// Gateway API keys: `swk_<prefix>_<secret>`. The prefix finds the row; the whole key is stored only
// as a SHA-256 hash (256 random bits leave nothing to guess, so a fast hash is sound here).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const KEY_FORMAT = /^swk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = randomBytes(6).toString("hex");
  const key = `swk_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

/** The prefix of a well-formed key, else null (nothing malformed reaches the database). */
export function prefixOfApiKey(key: string): string | null {
  return KEY_FORMAT.exec(key)?.[1] ?? null;
}

export function apiKeyMatches(key: string, keyHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), "hex");
  const b = Buffer.from(keyHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key from `Authorization: Bearer <key>`, else null. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
