// npm run audit:keys -- generate | public
// generate: prints new AUDIT_HMAC_KEY and AUDIT_SIGNING_KEY values for the environment.
// public: prints the public key that verifies this installation's checkpoints (PEM) and its id,
// for verifiers and for the receivers of the audit.checkpoint webhook.
import { z } from "zod";
import { auditKeysFrom, generateAuditSecrets, getAuditKeys, publicKeyPem } from "../lib/audit/keys";
import { loadEnvFiles } from "../lib/database/target";

const parsed = z
  .enum(["generate", "public"], { error: "usage: npm run audit:keys -- generate | public" })
  .safeParse(process.argv[2]);
if (!parsed.success) {
  console.error(parsed.error.issues[0]?.message);
  process.exit(2);
}

try {
  if (parsed.data === "generate") {
    const secrets = generateAuditSecrets();
    const { keyId } = auditKeysFrom({
      hmacSecret: secrets.AUDIT_HMAC_KEY,
      signingKey: secrets.AUDIT_SIGNING_KEY,
    });
    console.log(`# Audit keys (signing key id ${keyId}). Keep both secret and keep them: a chain`);
    console.log("# sealed with one HMAC key cannot be verified with another.");
    console.log(`AUDIT_HMAC_KEY=${secrets.AUDIT_HMAC_KEY}`);
    console.log(`AUDIT_SIGNING_KEY=${secrets.AUDIT_SIGNING_KEY}`);
  } else {
    loadEnvFiles();
    const keys = getAuditKeys();
    console.log(`# Audit checkpoint key ${keys.keyId} (Ed25519)`);
    process.stdout.write(publicKeyPem(keys.publicKey));
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
