// The provisioning outbox, inside the transactions that change an app: the pending marker itself
// is written by markGrantsChanged (lib/enforcement/changes.ts); a client secret the AS must learn
// waits here, sealed, until it is delivered.
import type { Tx } from "../database/client";
import { getProvisioningEnv } from "../env";
import { decryptSecret, encryptSecret } from "../webhooks/secrets";
import { provisioningSealingKey } from "./config";

const sealingKey = () => provisioningSealingKey(getProvisioningEnv());

export const seal = (plain: string, key: Buffer = sealingKey()) => encryptSecret(plain, key);
export const unseal = (sealed: string, key: Buffer = sealingKey()) => decryptSecret(sealed, key);

/** Keeps a new client secret (sealed) until the next sync hands it to the AS. */
export async function queueClientSecret(tx: Tx, appId: string, secret: string): Promise<void> {
  const sealed = seal(secret);
  await tx.appProvisioning.upsert({
    where: { appId },
    create: { appId, pendingSecretEnc: sealed },
    update: { pendingSecretEnc: sealed },
  });
}
