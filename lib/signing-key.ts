// How the audit signing key is written down: an Ed25519 private key in PKCS#8, either as PEM
// (line breaks may be written as \n, for .env files) or as one line of base64 / base64url DER
// (what `npm run audit:keys -- generate` prints).
import { createPrivateKey, type KeyObject } from "node:crypto";

export function decodeSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith("-----BEGIN")
    ? createPrivateKey(trimmed.replace(/\\n/g, "\n"))
    : createPrivateKey({ key: Buffer.from(trimmed, "base64url"), format: "der", type: "pkcs8" });
  if (key.asymmetricKeyType !== "ed25519") throw new Error("not an Ed25519 key");
  return key;
}

export function isSigningKey(text: string): boolean {
  try {
    decodeSigningKey(text);
    return true;
  } catch {
    return false;
  }
}

/** The private key in the one-line form AUDIT_SIGNING_KEY takes. */
export const encodeSigningKey = (key: KeyObject) =>
  key.export({ format: "der", type: "pkcs8" }).toString("base64url");
