// What RFC 7591 registration and RFC 7592 updates accept beyond oidc-provider's own checks, with
// messages a provisioning engineer can act on.
import { randomBytes } from "node:crypto";
import { errors, type KoaContextWithOIDC } from "oidc-provider";
import { invalidScopes } from "./scopes";

const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
const CLIENT_ID = /^[A-Za-z0-9._~-]{1,100}$/;
const MIN_SECRET_LENGTH = 32;

type Metadata = Record<string, unknown>;

/** The registered metadata oidc-provider lets us check (its extraClientMetadata hook). */
export const CHECKED_METADATA = ["scope", "jwks", "jwks_uri", "grant_types"];

export function validateClientMetadata(
  key: string,
  value: unknown,
  metadata: Metadata,
  { isProduction }: { isProduction: boolean },
): void {
  const invalid = (message: string) => {
    throw new errors.InvalidClientMetadata(message);
  };
  if (key === "scope" && typeof value === "string") {
    const bad = invalidScopes(value);
    if (bad.length)
      invalid(`scope holds values that are not valid SMART scopes: ${bad.join("; ")}`);
  }
  if (key === "jwks" && value && typeof value === "object") {
    const keys = (value as { keys?: unknown }).keys;
    (Array.isArray(keys) ? keys : []).forEach((jwk, i) => {
      const secret = PRIVATE_JWK_MEMBERS.find((m) => jwk && typeof jwk === "object" && m in jwk);
      if (secret)
        invalid(
          `jwks must hold public keys only: keys[${i}] has the private member "${secret}". Send the public half; private keys are never stored.`,
        );
    });
  }
  if (
    key === "jwks_uri" &&
    typeof value === "string" &&
    isProduction &&
    !value.startsWith("https:")
  )
    invalid("jwks_uri must be an https URL");
  if (key === "grant_types" && Array.isArray(value)) {
    // A backend service registers with client_credentials alone: it has no authorization endpoint
    // use, so the default response type (code) and its redirect_uris requirement do not apply.
    const usesAuthorization = value.includes("authorization_code") || value.includes("implicit");
    if (!usesAuthorization) metadata.response_types = [];
  }
}

/** The portal may propose its own client id (so partners see one id); otherwise one is generated. */
export function clientIdFor(ctx: KoaContextWithOIDC): string {
  const proposed = (ctx.oidc.body as Metadata | undefined)?.client_id;
  if (proposed === undefined) return `sw-${randomBytes(16).toString("base64url")}`;
  if (typeof proposed !== "string" || !CLIENT_ID.test(proposed))
    throw new errors.InvalidClientMetadata(
      "client_id, when proposed, must be 1 to 100 letters, digits or ._~-",
    );
  return proposed;
}

/** A proposed client_secret (the portal showed it to the partner once) or a generated one. */
export async function clientSecretFor(ctx: KoaContextWithOIDC): Promise<string> {
  const proposed = (ctx.oidc.body as Metadata | undefined)?.client_secret;
  if (proposed === undefined) return randomBytes(32).toString("base64url");
  if (typeof proposed !== "string" || proposed.length < MIN_SECRET_LENGTH)
    throw new errors.InvalidClientMetadata(
      `client_secret, when proposed, must be at least ${MIN_SECRET_LENGTH} characters`,
    );
  return proposed;
}
