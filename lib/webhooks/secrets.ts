// Signing secrets: generated here, shown once, stored encrypted (AES-256-GCM) because the portal
// must read them back to sign. The key is derived from WEBHOOK_ENCRYPTION_KEY (see docs/webhooks.md).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const PREFIX = "whsec_";
const VERSION = "v1";

export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

export const isWebhookSecret = (value: string) => /^whsec_[A-Za-z0-9_-]{43}$/.test(value);

/** A 256-bit key from any long key material (an env var), bound to this one use. */
export function deriveWebhookKey(material: string): Buffer {
  if (material.length < 32)
    throw new Error("The webhook encryption key material must be at least 32 characters.");
  return Buffer.from(
    hkdfSync("sha256", material, "scopewarden", "webhook-secrets/aes-256-gcm", 32),
  );
}

/** "v1.<iv>.<tag>.<ciphertext>", each base64url. */
export function encryptSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function decryptSecret(stored: string, key: Buffer): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined)
    throw new Error("Unreadable webhook secret.");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}
