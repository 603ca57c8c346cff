// What the authorization server is told about an app (RFC 7591 client metadata): its client type
// decides the grant types and how it authenticates, and `scope` is exactly its live grants, the
// ceiling the AS enforces. Pure: the same app and grants always give the same document.
import { isClientLive, type ClientStatus } from "../enforcement/decide";

export type ProvisionedApp = {
  clientId: string;
  name: string;
  clientType: "public" | "confidential" | "backend";
  redirectUris: readonly string[];
  jwksUrl: string | null;
  /** A pasted JWK set of public keys, used when there is no JWKS URL. */
  jwks: unknown;
  homepageUrl?: string | null;
  privacyPolicyUrl?: string | null;
};

export type ClientMetadata = {
  client_id: string;
  client_name: string;
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: "none" | "client_secret_basic" | "private_key_jwt";
  scope: string;
  redirect_uris?: string[];
  jwks_uri?: string;
  jwks?: unknown;
  token_endpoint_auth_signing_alg?: string;
  client_uri?: string;
  policy_uri?: string;
};

/** The granted scopes the AS may issue: none at all while the app or its partner is suspended. */
export function ceilingOf(status: ClientStatus, grantedScopes: readonly string[]): string[] {
  return isClientLive(status) ? [...new Set(grantedScopes)].sort() : [];
}

export function clientMetadataOf(
  app: ProvisionedApp,
  status: ClientStatus,
  grantedScopes: readonly string[],
): ClientMetadata {
  const scope = ceilingOf(status, grantedScopes).join(" ");
  const about = {
    client_id: app.clientId,
    client_name: app.name,
    scope,
    ...(app.homepageUrl ? { client_uri: app.homepageUrl } : {}),
    ...(app.privacyPolicyUrl ? { policy_uri: app.privacyPolicyUrl } : {}),
  };
  if (app.clientType === "backend")
    return {
      ...about,
      grant_types: ["client_credentials"],
      response_types: [],
      token_endpoint_auth_method: "private_key_jwt",
      ...(app.jwksUrl ? { jwks_uri: app.jwksUrl } : { jwks: app.jwks }),
    };
  const redirect = { response_types: ["code"], redirect_uris: [...app.redirectUris] };
  // PKCE S256 is required of every authorization-code client (the AS enforces it for all).
  if (app.clientType === "public")
    return {
      ...about,
      ...redirect,
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "none",
    };
  return {
    ...about,
    ...redirect,
    grant_types: ["authorization_code", "refresh_token"],
    token_endpoint_auth_method: "client_secret_basic",
  };
}

/** Scopes the AS allows beyond the approved set (drift). */
export function scopesBeyond(registered: string, approved: readonly string[]): string[] {
  const allowed = new Set(approved);
  return [...new Set(registered.split(" ").filter(Boolean))].filter((s) => !allowed.has(s)).sort();
}
