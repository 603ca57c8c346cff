// A SMART Backend Services token request (client_credentials, private_key_jwt) with openid-client,
// the certified client library: what `npm run demo:token` runs, and what its test checks.
import { importJWK } from "jose";
import * as oidc from "openid-client";

export type BackendKey = {
  clientId: string;
  alg: "RS384" | "ES384";
  kid: string;
  privateJwk: object;
};

export type TokenOutcome =
  | {
      ok: true;
      response: { access_token: string; token_type: string; scope?: string; expires_in?: number };
    }
  | { ok: false; error: { error: string; error_description?: string } };

export async function requestBackendToken(
  issuer: string,
  key: BackendKey,
  scope: string,
): Promise<TokenOutcome> {
  const privateKey = (await importJWK(key.privateJwk, key.alg)) as CryptoKey;
  // Plain http only for a portal on this machine (the demo); anything else must be https.
  const isLocal = ["localhost", "127.0.0.1", "[::1]"].includes(new URL(issuer).hostname);
  try {
    const config = await oidc.discovery(
      new URL(issuer),
      key.clientId,
      undefined,
      oidc.PrivateKeyJwt({ key: privateKey, kid: key.kid }),
      isLocal ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    const tokens = await oidc.clientCredentialsGrant(config, { scope });
    return {
      ok: true,
      response: {
        access_token: tokens.access_token,
        token_type: tokens.token_type,
        scope: tokens.scope,
        expires_in: tokens.expires_in,
      },
    };
  } catch (error) {
    const e = error as {
      error?: string;
      error_description?: string;
      message?: string;
      cause?: { parameters?: { error?: string; error_description?: string } }[];
    };
    const challenge = Array.isArray(e.cause) ? e.cause[0]?.parameters : undefined;
    const code = e.error ?? challenge?.error;
    if (code)
      return {
        ok: false,
        error: {
          error: code,
          error_description: e.error_description ?? challenge?.error_description,
        },
      };
    return { ok: false, error: { error: "request_failed", error_description: e.message } };
  }
}
