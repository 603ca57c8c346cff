// The audit chain's two keys, neither of them in the database: the HMAC key that seals every event
// (AUDIT_HMAC_KEY) and the Ed25519 key that signs checkpoints (AUDIT_SIGNING_KEY). Someone with
// only database access can therefore neither write an event that verifies nor sign a head. In
// development both are generated into .data/ on first use, as the session secret is.
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getAuditEnv } from "../env";
import { decodeSigningKey, encodeSigningKey } from "../signing-key";

export type AuditKeys = {
  /** Derived from AUDIT_HMAC_KEY; seals each event (lib/audit/hash.ts). */
  hmacKey: Buffer;
  /** Verifies checkpoint signatures; derived from the signing key, or given to a verifier. */
  publicKey: KeyObject;
  /** Names the public key in checkpoints: the first 16 hex digits of SHA-256 over its SPKI form. */
  keyId: string;
  /** Only where checkpoints are made; a verifier can do without it. */
  signingKey?: KeyObject;
};

export const keyIdOf = (publicKey: KeyObject) =>
  createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);

export const publicKeyPem = (publicKey: KeyObject) =>
  publicKey.export({ type: "spki", format: "pem" }).toString();

export function auditKeysFrom(input: {
  hmacSecret: string;
  signingKey?: string;
  /** PEM (SPKI) of the public key, for a verifier that holds no private key. */
  publicKeyPem?: string;
}): AuditKeys {
  const hmacKey = Buffer.from(
    hkdfSync("sha256", input.hmacSecret, "scopewarden-audit", "audit-chain-v2", 32),
  );
  const signingKey = input.signingKey ? decodeSigningKey(input.signingKey) : undefined;
  const publicKey = input.publicKeyPem
    ? createPublicKey(input.publicKeyPem)
    : signingKey
      ? createPublicKey(signingKey)
      : undefined;
  if (!publicKey) throw new Error("The audit keys need a signing key or a public key.");
  if (publicKey.asymmetricKeyType !== "ed25519")
    throw new Error("The audit public key is not an Ed25519 key.");
  return { hmacKey, publicKey, keyId: keyIdOf(publicKey), signingKey };
}

/** Fresh values for AUDIT_HMAC_KEY and AUDIT_SIGNING_KEY. */
export function generateAuditSecrets(): { AUDIT_HMAC_KEY: string; AUDIT_SIGNING_KEY: string } {
  return {
    AUDIT_HMAC_KEY: randomBytes(32).toString("base64url"),
    AUDIT_SIGNING_KEY: encodeSigningKey(generateKeyPairSync("ed25519").privateKey),
  };
}

/** Reads a key file, or writes it once: a second process racing to create it reads the first's. */
function keyFile(file: string, make: () => string): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(draft, make(), { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  return readFileSync(file, "utf8").trim();
}

/** The development keys kept in `.data/` (created on first use), so the chain survives restarts. */
export function developmentAuditSecrets(dataDir = path.resolve(".data")) {
  const fresh = () => generateAuditSecrets();
  return {
    AUDIT_HMAC_KEY: keyFile(path.join(dataDir, "audit-hmac-key"), () => fresh().AUDIT_HMAC_KEY),
    AUDIT_SIGNING_KEY: keyFile(
      path.join(dataDir, "audit-signing-key"),
      () => fresh().AUDIT_SIGNING_KEY,
    ),
  };
}

/** The configured secrets: from the environment, or outside production from `.data/`. */
export function auditSecretsFromEnv(): { hmacSecret: string; signingKey: string } {
  const env = getAuditEnv();
  const fallback = env.AUDIT_HMAC_KEY && env.AUDIT_SIGNING_KEY ? null : developmentAuditSecrets();
  return {
    hmacSecret: env.AUDIT_HMAC_KEY ?? fallback!.AUDIT_HMAC_KEY,
    signingKey: env.AUDIT_SIGNING_KEY ?? fallback!.AUDIT_SIGNING_KEY,
  };
}

let cached: AuditKeys | undefined;

/** This process's keys (read once). */
export function getAuditKeys(): AuditKeys {
  cached ??= auditKeysFrom(auditSecretsFromEnv());
  return cached;
}
