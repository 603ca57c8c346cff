// The key that encrypts signing secrets, from WEBHOOK_ENCRYPTION_KEY or, when unset, the session
// secret (development). Read once per process.
import { getEnv } from "../env";
import { outboundPolicyFromEnv } from "../net";
import { deriveWebhookKey } from "./secrets";

let cached: Buffer | undefined;
let warned = false;

export function getWebhookKey(): Buffer {
  if (cached) return cached;
  const env = getEnv();
  if (!env.WEBHOOK_ENCRYPTION_KEY && env.NODE_ENV === "production" && !warned) {
    warned = true;
    console.warn(
      "WEBHOOK_ENCRYPTION_KEY is not set: webhook secrets are encrypted with NEXTAUTH_SECRET. Set a separate key in production (docs/webhooks.md).",
    );
  }
  cached = deriveWebhookKey(env.WEBHOOK_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET);
  return cached;
}

/** How this instance sends webhooks: the secrets' key, and whether internal addresses may be targets. */
export function webhookDispatchSettings(): { key: Buffer; allowPrivateTargets: boolean } {
  return { key: getWebhookKey(), ...outboundPolicyFromEnv() };
}
