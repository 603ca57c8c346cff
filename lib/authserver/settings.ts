// Which authorization server issues the tokens, and the embedded one's settings, from the
// environment. Each problem is reported with the variable to fix.
import type { Env } from "../env";
import { deriveEncryptionKey, parseCookieKeys, parseSigningJwks, type SigningJwks } from "./keys";

export type EmbeddedAuthServerSettings = {
  /** <APP_URL>/oauth */
  issuer: string;
  /** The audience of every access token. */
  fhirBaseUrl: string;
  /** The initial access token RFC 7591 registration requires (the portal holds it). */
  registrationToken: string;
  jwks: SigningJwks;
  cookieKeys: string[];
  encryptionKey: Buffer;
  /** Production refuses http jwks_uri values and jwks_uri hosts on private networks. */
  isProduction: boolean;
};

export type AuthServerConfig =
  { mode: "external"; issuer: string } | ({ mode: "embedded" } & EmbeddedAuthServerSettings);

export const EMBEDDED_ISSUER_PATH = "/oauth";

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

export function fhirBaseUrlOf(env: Pick<Env, "FHIR_BASE_URL" | "APP_URL">): string {
  return withoutTrailingSlash(env.FHIR_BASE_URL ?? `${withoutTrailingSlash(env.APP_URL)}/fhir`);
}

export function authServerConfig(env: Env): AuthServerConfig {
  if (env.AUTH_ISSUER) return { mode: "external", issuer: withoutTrailingSlash(env.AUTH_ISSUER) };
  const missing = (["AUTH_REGISTRATION_TOKEN", "AUTH_JWKS", "AUTH_COOKIE_KEYS"] as const).filter(
    (name) => !env[name],
  );
  if (missing.length)
    throw new Error(
      `${missing.join(", ")} must be set for the embedded authorization server (\`npm run auth:keys\` prints new values), or set AUTH_ISSUER to use an external one.`,
    );
  const registrationToken = env.AUTH_REGISTRATION_TOKEN!;
  if (registrationToken.length < 32)
    throw new Error("AUTH_REGISTRATION_TOKEN must be at least 32 characters.");
  return {
    mode: "embedded",
    issuer: `${withoutTrailingSlash(env.APP_URL)}${EMBEDDED_ISSUER_PATH}`,
    fhirBaseUrl: fhirBaseUrlOf(env),
    registrationToken,
    jwks: parseSigningJwks(env.AUTH_JWKS!),
    cookieKeys: parseCookieKeys(env.AUTH_COOKIE_KEYS!),
    encryptionKey: deriveEncryptionKey(env.AUTH_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET),
    isProduction: env.NODE_ENV === "production",
  };
}

/** Whose tokens the decision API verifies, from the environment (the embedded server adds its keys). */
export function tokenVerificationOf(env: Env): {
  issuer?: string;
  audience: string;
  introspection?: { clientId: string; clientSecret: string };
} {
  if (!env.AUTH_INTROSPECTION_CLIENT_ID !== !env.AUTH_INTROSPECTION_CLIENT_SECRET)
    throw new Error(
      "AUTH_INTROSPECTION_CLIENT_ID and AUTH_INTROSPECTION_CLIENT_SECRET go together: set both (the client the decision API introspects opaque tokens as) or neither.",
    );
  const introspection =
    env.AUTH_INTROSPECTION_CLIENT_ID && env.AUTH_INTROSPECTION_CLIENT_SECRET
      ? {
          clientId: env.AUTH_INTROSPECTION_CLIENT_ID,
          clientSecret: env.AUTH_INTROSPECTION_CLIENT_SECRET,
        }
      : undefined;
  return {
    ...(env.AUTH_ISSUER ? { issuer: withoutTrailingSlash(env.AUTH_ISSUER) } : {}),
    audience: fhirBaseUrlOf(env),
    ...(introspection ? { introspection } : {}),
  };
}
