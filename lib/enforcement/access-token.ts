/**
 * What an access token must say before a decision trusts it: pure checks over its claims (a JWT's
 * payload or an RFC 7662 introspection answer), with one machine-readable code per way of failing.
 * Signature checks live in token-verifier.ts; nothing here does I/O.
 */

/** Why a token was not accepted (the `code` of a denial). */
export const TOKEN_DENIAL_CODES = [
  "token_malformed",
  "token_expired",
  "token_not_yet_valid",
  "token_wrong_issuer",
  "token_wrong_audience",
  "token_bad_signature",
  "token_inactive",
  "token_no_client",
  "token_client_mismatch",
  "token_unknown_client",
  "token_unverifiable",
] as const;
export type TokenDenialCode = (typeof TOKEN_DENIAL_CODES)[number];

/** Every code a decision may carry: the token's, and the launch context's. */
export const DECISION_CODES = [...TOKEN_DENIAL_CODES, "patient_mismatch"] as const;
export type DecisionCode = (typeof DECISION_CODES)[number];

export type TokenRejection = { ok: false; code: TokenDenialCode; reason: string };

/** A token whose claims were checked: who it was issued to, what it allows, until when. */
export type TokenClaims = {
  ok: true;
  clientId: string;
  scope: string;
  /** The launch context's patient id; null when the token has none. */
  patient: string | null;
  /** Seconds since the epoch. */
  expiresAt: number;
};

export type TokenExpectations = { issuer: string; audience: string };

/** Clock skew allowed between the issuer and this server, in seconds. */
export const CLOCK_TOLERANCE_S = 30;

export const MAX_ACCESS_TOKEN_CHARS = 16_384;

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** RFC 6750's b64token: what a bearer token may be made of. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export const isJwtShaped = (token: string): boolean => JWT.test(token);
export const isBearerTokenShaped = (token: string): boolean =>
  token.length <= MAX_ACCESS_TOKEN_CHARS && B64TOKEN.test(token);

export const rejection = (code: TokenDenialCode, reason: string): TokenRejection => ({
  ok: false,
  code,
  reason: `Denied: ${reason}`,
});

const trimSlash = (url: string) => url.replace(/\/+$/, "");
const sameUrl = (a: unknown, b: string) => typeof a === "string" && trimSlash(a) === trimSlash(b);

/** The issuer and audience checks, on claims that may not be verified yet (a cheap early answer). */
export function checkIssuerAndAudience(
  claims: Record<string, unknown>,
  expected: TokenExpectations,
): TokenRejection | null {
  if (!sameUrl(claims.iss, expected.issuer))
    return rejection(
      "token_wrong_issuer",
      `the token was not issued by ${expected.issuer}, the authorization server this portal trusts.`,
    );
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
  if (!audiences.some((a) => sameUrl(a, expected.audience)))
    return rejection(
      "token_wrong_audience",
      `the token is not meant for this FHIR server (its audience must be ${expected.audience}).`,
    );
  return null;
}

/** RFC 9068's client_id, else OpenID's azp (Keycloak puts the client there). */
function clientIdOf(claims: Record<string, unknown>): string | null {
  const id = claims.client_id ?? claims.azp;
  return typeof id === "string" && id.length > 0 && id.length <= 100 ? id : null;
}

/** `scope` as a space-separated string, or `scp` as an array (both forms are in use). */
function scopeOf(claims: Record<string, unknown>): string | null {
  if (typeof claims.scope === "string") return claims.scope;
  if (Array.isArray(claims.scp) && claims.scp.every((s) => typeof s === "string"))
    return claims.scp.join(" ");
  return claims.scope === undefined && claims.scp === undefined ? "" : null;
}

const PATIENT_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * Every check but the signature: issuer, audience, expiry (required), not-before, client id,
 * scope and the launch patient's form. `now` is in seconds.
 */
export function checkTokenClaims(
  claims: Record<string, unknown>,
  expected: TokenExpectations,
  now: number,
): TokenClaims | TokenRejection {
  const wrong = checkIssuerAndAudience(claims, expected);
  if (wrong) return wrong;
  const { exp, nbf } = claims;
  if (typeof exp !== "number" || !Number.isFinite(exp))
    return rejection("token_malformed", "the token has no expiry time (exp).");
  if (exp + CLOCK_TOLERANCE_S <= now) return rejection("token_expired", "the token has expired.");
  if (nbf !== undefined && (typeof nbf !== "number" || nbf - CLOCK_TOLERANCE_S > now))
    return rejection("token_not_yet_valid", "the token is not valid yet (nbf).");
  const clientId = clientIdOf(claims);
  if (!clientId)
    return rejection("token_no_client", "the token names no client (client_id or azp).");
  const scope = scopeOf(claims);
  if (scope === null) return rejection("token_malformed", "the token's scope claim is not text.");
  const patient = claims.patient;
  if (patient !== undefined && (typeof patient !== "string" || !PATIENT_ID.test(patient)))
    return rejection("token_malformed", "the token's patient claim is not a FHIR id.");
  return {
    ok: true,
    clientId,
    scope,
    patient: patient ?? null,
    expiresAt: exp + CLOCK_TOLERANCE_S,
  };
}
