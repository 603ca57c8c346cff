// Where the portal provisions its apps, from the environment: the embedded authorization server's
// <issuer>/reg unless AUTH_ISSUER names an external one, whose registration endpoint
// (AUTH_REGISTRATION_ENDPOINT) and initial access token (AUTH_REGISTRATION_TOKEN) the operator gives.
import { hkdfSync } from "node:crypto";
import { EMBEDDED_ISSUER_PATH } from "../authserver/settings";
import type { ProvisioningEnv } from "../env";
import type { OutboundPolicy } from "../net";

export type ProvisioningTarget = {
  registrationEndpoint: string;
  initialAccessToken: string | null;
  /** Seals the registration access tokens and undelivered client secrets the portal keeps. */
  sealingKey: Buffer;
  /** The endpoint is the operator's own configuration, not a partner's URL. */
  policy: OutboundPolicy;
  timeoutMs: number;
};

const DEVELOPMENT_KEY_MATERIAL = "scopewarden-development-only-provisioning-key";

/** A 256-bit key bound to this one use, from AUTH_ENCRYPTION_KEY or the session secret. */
export function provisioningSealingKey(env: ProvisioningEnv): Buffer {
  const material = env.AUTH_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET;
  if (!material && env.NODE_ENV === "production")
    throw new Error("AUTH_ENCRYPTION_KEY (or NEXTAUTH_SECRET) must be set in production.");
  return Buffer.from(
    hkdfSync(
      "sha256",
      material ?? DEVELOPMENT_KEY_MATERIAL,
      "scopewarden",
      "provisioning/secrets-at-rest",
      32,
    ),
  );
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

/** The target, or the sentence that says which variable to set. */
export function provisioningTargetOf(env: ProvisioningEnv): ProvisioningTarget | string {
  const issuer = env.AUTH_ISSUER
    ? withoutTrailingSlash(env.AUTH_ISSUER)
    : `${withoutTrailingSlash(env.APP_URL)}${EMBEDDED_ISSUER_PATH}`;
  const endpoint =
    env.AUTH_REGISTRATION_ENDPOINT ?? (env.AUTH_ISSUER ? undefined : `${issuer}/reg`);
  if (!endpoint)
    return "AUTH_REGISTRATION_ENDPOINT is not set: the portal cannot register apps at the external authorization server.";
  return {
    registrationEndpoint: endpoint,
    initialAccessToken: env.AUTH_REGISTRATION_TOKEN ?? null,
    sealingKey: provisioningSealingKey(env),
    policy: { allowPrivateTargets: true },
    timeoutMs: 10_000,
  };
}
