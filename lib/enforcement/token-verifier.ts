/**
 * Verifies the access tokens decisions are asked about. A JWT is checked with jose against the
 * issuer's keys: the embedded authorization server's public keys given at start, or an external
 * issuer's jwks_uri from its discovery document (fetched once, refreshed by jose on an unknown kid).
 * Anything else is an opaque token and goes to the issuer's RFC 7662 introspection endpoint.
 *
 * Results are cached per token string, so the hot path verifies each token once:
 *  - a JWT that verified stays valid until its exp (its claims are signed and cannot change; what
 *    can change — the client's grants and status — is checked on every decision, live);
 *  - a JWT whose signature check refused it for good (bad signature, expired) stays refused; one
 *    with an unknown key is retried after the key-refresh cooldown; what is refused before any
 *    cryptography (not a JWT, a foreign issuer or audience) is not kept, as it is as cheap to redo;
 *  - an introspection answer is kept INTROSPECTION_CACHE_MS at most, so a token revoked at the
 *    authorization server is refused within that time;
 *  - nothing is cached when the issuer could not be reached.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from "jose";
import {
  checkIssuerAndAudience,
  checkTokenClaims,
  CLOCK_TOLERANCE_S,
  isBearerTokenShaped,
  isJwtShaped,
  rejection,
  type TokenClaims,
  type TokenRejection,
} from "./access-token";
import { compileToken, type TokenIndex } from "./decide";

export type TokenIssuerConfig = {
  issuer: string;
  /** The FHIR server's base URL: every access token's audience. */
  audience: string;
  /** The issuer's public keys when known here (the embedded server); else from its jwks_uri. */
  jwks?: JSONWebKeySet;
  /** The client this server introspects opaque tokens as (client_secret_basic). */
  introspection?: { clientId: string; clientSecret: string };
};

export type VerifiedToken = TokenClaims & { scopes: TokenIndex };
export type TokenResult = VerifiedToken | TokenRejection;

export const INTROSPECTION_CACHE_MS = 5_000;
const UNKNOWN_KEY_RETRY_MS = 30_000;
const REQUEST_TIMEOUT_MS = 3_000;
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"];

type Discovery = { jwksUri: string | null; introspectionEndpoint: string | null };
type Entry = { result: TokenResult; until: number };

const FOREVER = Number.POSITIVE_INFINITY;

/** jose's error codes, as the reasons a caller can act on. */
function joseRejection(error: unknown): { rejected: TokenRejection; retryMs: number } | null {
  const { code, claim } = (error ?? {}) as { code?: string; claim?: string };
  const forever = (r: TokenRejection) => ({ rejected: r, retryMs: FOREVER });
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return forever(rejection("token_expired", "the token has expired."));
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (claim === "nbf")
        return {
          rejected: rejection("token_not_yet_valid", "the token is not valid yet (nbf)."),
          retryMs: 0,
        };
      return forever(
        rejection("token_malformed", `the token's ${claim ?? "claims"} claim is invalid.`),
      );
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return forever(rejection("token_bad_signature", "the token's signature does not verify."));
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return {
        rejected: rejection(
          "token_bad_signature",
          "the token is signed with a key the issuer does not publish.",
        ),
        retryMs: UNKNOWN_KEY_RETRY_MS,
      };
    case "ERR_JOSE_ALG_NOT_ALLOWED":
    case "ERR_JOSE_NOT_SUPPORTED":
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return forever(rejection("token_malformed", "the token is not a valid signed JWT."));
    default:
      return null;
  }
}

const unverifiable = (why: string) =>
  rejection("token_unverifiable", `the token could not be verified: ${why} Retry later.`);

export class TokenVerifier {
  private config: TokenIssuerConfig | null = null;
  private keys: JWTVerifyGetKey | null = null;
  private discovery: Promise<Discovery> | null = null;
  private readonly cache = new Map<string, Entry>();
  readonly stats = { hits: 0, verified: 0 };

  constructor(private readonly options: { maxEntries?: number; now?: () => number } = {}) {}

  /** Which issuer's tokens are accepted; until called, every token is refused. */
  configure(config: TokenIssuerConfig): void {
    this.config = config;
    this.keys = config.jwks ? createLocalJWKSet(config.jwks) : null;
    this.discovery = null;
    this.cache.clear();
  }

  /** Tokens whose result is kept. */
  get size(): number {
    return this.cache.size;
  }

  get issuer(): string | null {
    return this.config?.issuer ?? null;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The token's verified claims or why it is refused; synchronous when the token was seen before. */
  verify(token: string): TokenResult | Promise<TokenResult> {
    const entry = this.cache.get(token);
    if (entry !== undefined) {
      if (this.now() < entry.until) {
        this.stats.hits++;
        return entry.result;
      }
      this.cache.delete(token);
    }
    const config = this.config;
    if (!config)
      return rejection("token_unverifiable", "this server trusts no authorization server yet.");
    if (!isBearerTokenShaped(token))
      return rejection("token_malformed", "the token is not a bearer token.");
    this.stats.verified++;
    return isJwtShaped(token) ? this.verifyJwt(config, token) : this.introspect(config, token);
  }

  private remember(token: string, result: TokenResult, forMs: number): TokenResult {
    if (forMs <= 0) return result;
    const limit = this.options.maxEntries ?? 10_000;
    if (this.cache.size >= limit) this.cache.delete(this.cache.keys().next().value!);
    const until = result.ok
      ? Math.min(result.expiresAt * 1000, this.now() + forMs)
      : this.now() + forMs;
    this.cache.set(token, { result, until });
    return result;
  }

  private accept(claims: TokenClaims): VerifiedToken {
    return { ...claims, scopes: compileToken(claims.scope) };
  }

  private async verifyJwt(config: TokenIssuerConfig, token: string): Promise<TokenResult> {
    let unverified: Record<string, unknown>;
    try {
      unverified = decodeJwt(token);
    } catch {
      return rejection("token_malformed", "the token is not a valid JWT.");
    }
    // A foreign token is named as such, whatever its signature.
    const foreign = checkIssuerAndAudience(unverified, config);
    if (foreign) return foreign;
    let keys: JWTVerifyGetKey;
    try {
      keys = this.keys ?? (await this.remoteKeys(config));
    } catch (error) {
      return unverifiable(error instanceof Error ? error.message : "the issuer did not answer.");
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ["exp"],
      });
      const checked = checkTokenClaims(payload, config, this.now() / 1000);
      return checked.ok
        ? this.remember(token, this.accept(checked), FOREVER)
        : this.remember(token, checked, checked.code === "token_not_yet_valid" ? 0 : FOREVER);
    } catch (error) {
      const known = joseRejection(error);
      if (known) return this.remember(token, known.rejected, known.retryMs);
      return unverifiable("the issuer's keys could not be read.");
    }
  }

  private async remoteKeys(config: TokenIssuerConfig): Promise<JWTVerifyGetKey> {
    const { jwksUri } = await this.discover(config);
    if (!jwksUri) throw new Error("the issuer's discovery document names no jwks_uri.");
    this.keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: REQUEST_TIMEOUT_MS });
    return this.keys;
  }

  /** The issuer's OpenID discovery document (the issuer is the operator's setting, not user input). */
  private discover(config: TokenIssuerConfig): Promise<Discovery> {
    this.discovery ??= (async () => {
      const url = `${config.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
      const res = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`${url} answered ${res.status}.`);
      const doc = (await res.json()) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === "string" && URL.canParse(v) ? v : null);
      return {
        jwksUri: text(doc.jwks_uri),
        introspectionEndpoint: text(doc.introspection_endpoint),
      };
    })();
    this.discovery.catch(() => (this.discovery = null));
    return this.discovery;
  }

  private async introspect(config: TokenIssuerConfig, token: string): Promise<TokenResult> {
    const credentials = config.introspection;
    if (!credentials)
      return this.remember(
        token,
        rejection(
          "token_malformed",
          "the token is not a JWT, and opaque tokens need introspection (AUTH_INTROSPECTION_CLIENT_ID and AUTH_INTROSPECTION_CLIENT_SECRET).",
        ),
        FOREVER,
      );
    let answer: Record<string, unknown>;
    try {
      const { introspectionEndpoint } = await this.discover(config);
      if (!introspectionEndpoint) return unverifiable("the issuer has no introspection endpoint.");
      const basic = Buffer.from(
        `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`,
      ).toString("base64");
      const res = await fetch(introspectionEndpoint, {
        method: "POST",
        headers: {
          Authorization: `Basic ${basic}`,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: new URLSearchParams({ token, token_type_hint: "access_token" }).toString(),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!res.ok) return unverifiable(`introspection answered ${res.status}.`);
      answer = (await res.json()) as Record<string, unknown>;
      if (typeof answer !== "object" || answer === null) throw new Error("not an object");
    } catch {
      return unverifiable("the issuer's introspection endpoint did not answer.");
    }
    if (answer.active !== true)
      return this.remember(
        token,
        rejection("token_inactive", "the authorization server says the token is not active."),
        INTROSPECTION_CACHE_MS,
      );
    // RFC 7662 makes iss and aud optional: the endpoint's own answer vouches for what it omits.
    const claims = { iss: config.issuer, aud: config.audience, ...answer };
    const checked = checkTokenClaims(claims, config, this.now() / 1000);
    return this.remember(
      token,
      checked.ok ? this.accept(checked) : checked,
      INTROSPECTION_CACHE_MS,
    );
  }
}
