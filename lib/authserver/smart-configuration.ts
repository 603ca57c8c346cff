// <issuer>/.well-known/smart-configuration (SMART App Launch 2.2, "Conformance"): the endpoints,
// and only the capabilities this server actually has.
import { SERVER_SCOPES } from "./scopes";

/** Each entry is something the embedded server does; nothing is listed on trust. */
export const SMART_CAPABILITIES = [
  "launch-standalone",
  "client-public",
  "client-confidential-symmetric",
  "client-confidential-asymmetric",
  "sso-openid-connect",
  "context-standalone-patient",
  "permission-offline",
  "permission-patient",
  "permission-user",
  "permission-v1",
  "permission-v2",
] as const;

type Route = "jwks" | "authorization" | "token" | "introspection" | "revocation" | "registration";

/** `urlFor` gives the absolute URL of one of the provider's routes. */
export function smartConfiguration(issuer: string, urlFor: (route: Route) => string) {
  return {
    issuer,
    jwks_uri: urlFor("jwks"),
    authorization_endpoint: urlFor("authorization"),
    token_endpoint: urlFor("token"),
    introspection_endpoint: urlFor("introspection"),
    revocation_endpoint: urlFor("revocation"),
    registration_endpoint: urlFor("registration"),
    grant_types_supported: ["authorization_code", "client_credentials", "refresh_token"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
    response_types_supported: ["code"],
    scopes_supported: SERVER_SCOPES,
    code_challenge_methods_supported: ["S256"],
    capabilities: [...SMART_CAPABILITIES],
  };
}
