/**
 * The enforcement API's request handling, free of any HTTP framework: the Next.js routes and the
 * standalone decision server (node:http) both adapt to it. Order matters: the API key is checked
 * before anything else is read, so an unknown or revoked key learns nothing but 401.
 */
import type { Db } from "../database/client";
import { isDeclaredTooLarge, isJsonContentType, MAX_BODY_BYTES, type BodyRead } from "../http/body";
import {
  apiError,
  invalidBody,
  notJson,
  parseJsonText,
  unreadableBody,
  type HttpResult,
} from "../http/result";
import {
  ApiKeyAuthenticator,
  type ApiKeyPrincipal,
  type AuthenticatorOptions,
} from "./authenticator";
import { bearerToken } from "./api-keys";
import { MAX_ACCESS_TOKEN_CHARS, type DecisionCode } from "./access-token";
import {
  createTokenIndexCache,
  decide,
  isClientLive,
  type Decision,
  type LaunchContext,
  type TokenIndex,
} from "./decide";
import { needOfRequest, type FhirRequest } from "./fhir-request";
import type { CachedClient } from "./cached-client";
import { GrantCache, type GrantCacheOptions } from "./grant-cache";
import { TokenVerifier, type TokenResult, type VerifiedToken } from "./token-verifier";
import { findGrantDates } from "../usage/queries";
import { UsageRecorder, type UsageRecorderOptions } from "../usage/recorder";
import {
  isClientIdLike,
  MAX_TOKEN_SCOPES_CHARS,
  ZDecisionRequest,
  type TDecisionRequest,
} from "./schemas";

/** What a handler needs from the incoming request, whatever server received it. */
export type IncomingCall = {
  header(name: string): string | null;
  readBody(): Promise<BodyRead>;
};

export const unauthorized = () =>
  apiError("UNAUTHORIZED", "A valid API key is required: send Authorization: Bearer <key>.");
const unknownClient = () => apiError("NOT_FOUND", "No app has this client id.");

/** Header values must stay printable ASCII: reasons can quote parts of the request. */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, "?").slice(0, 500);

function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

const METHOD = /^[A-Za-z]{1,16}$/;
const isShortString = (value: unknown, max: number, min = 0): value is string =>
  typeof value === "string" && value.length >= min && value.length <= max;

/**
 * The hot path's shortcut past zod: accepts only a request that plainly satisfies ZDecisionRequest
 * (every field present is of the right type and size, no other fields), else returns null and zod
 * decides, with its messages. It never accepts what zod would refuse.
 */
export function acceptPlainDecisionRequest(json: unknown): TDecisionRequest | null {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const body = json as Record<string, unknown>;
  const request = body.request as Record<string, unknown> | null | undefined;
  if (typeof request !== "object" || request === null || Array.isArray(request)) return null;
  let keys = 0;
  for (const key in body) {
    if (key !== "clientId" && key !== "tokenScopes" && key !== "accessToken" && key !== "request")
      return null;
    keys++;
  }
  for (const key in request) if (key !== "method" && key !== "path" && key !== "query") return null;
  const hasToken = body.accessToken !== undefined;
  if (hasToken) {
    if (
      !isShortString(body.accessToken, MAX_ACCESS_TOKEN_CHARS, 1) ||
      body.tokenScopes !== undefined ||
      (body.clientId !== undefined &&
        (typeof body.clientId !== "string" || !isClientIdLike(body.clientId)))
    )
      return null;
  } else if (
    typeof body.clientId !== "string" ||
    !isClientIdLike(body.clientId) ||
    (body.tokenScopes !== undefined && !isShortString(body.tokenScopes, MAX_TOKEN_SCOPES_CHARS))
  )
    return null;
  if (
    !isShortString(request.method, 16) ||
    !METHOD.test(request.method) ||
    !isShortString(request.path, 4096, 1)
  )
    return null;
  if (request.query !== undefined && !isShortString(request.query, 8192)) return null;
  const expected =
    1 +
    Number(body.clientId !== undefined) +
    Number(body.tokenScopes !== undefined) +
    Number(hasToken);
  if (keys !== expected) return null;
  return body as TDecisionRequest;
}

/** The decision request from a body already read, or the error answer. */
export function parseDecisionBody(read: BodyRead): TDecisionRequest | HttpResult {
  if (read.kind !== "ok") return unreadableBody(read, MAX_BODY_BYTES);
  const body = parseJsonText(read.text, '{"clientId", "request": {"method", "path"}}');
  if ("status" in body) return body;
  const fast = acceptPlainDecisionRequest(body.json);
  if (fast) return fast;
  const parsed = ZDecisionRequest.safeParse(body.json);
  return parsed.success ? parsed.data : invalidBody(parsed.error);
}

export class EnforcementApi {
  private readonly tokenIndex = createTokenIndexCache();

  constructor(
    readonly grants: GrantCache,
    readonly keys: ApiKeyAuthenticator,
    /** Unconfigured until the server knows its issuer (lib/runtime/front-server.ts). */
    readonly tokens: TokenVerifier = new TokenVerifier(),
    /** Usage evidence (lib/usage): null when recording is off. */
    readonly usage: UsageRecorder | null = null,
  ) {}

  /** Stops the grant-change poller and writes the usage counters still in memory. */
  async stop(): Promise<void> {
    await Promise.all([this.grants.stop(), this.usage?.stop()]);
  }

  authenticate(call: IncomingCall): Promise<ApiKeyPrincipal | null> {
    return this.keys.authenticate(bearerToken(call.header("authorization")));
  }

  /** GET /api/v1/clients/{clientId}/grants */
  async clientGrants(call: IncomingCall, clientId: string): Promise<HttpResult> {
    if (!(await this.authenticate(call))) return unauthorized();
    if (!isClientIdLike(clientId)) return unknownClient();
    const client = await this.grants.get(clientId);
    if (!client) return unknownClient();
    const etag = `"${client.version}"`;
    const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
    if (etagMatches(call.header("if-none-match"), etag))
      return { status: 304, body: null, headers };
    const isLive = isClientLive(client);
    const appStatus = isLive ? "active" : "suspended";
    const dates = isLive
      ? ((await findGrantDates(this.grants.db, [client.appId])).get(client.appId) ?? [])
      : [];
    return {
      status: 200,
      headers,
      body: {
        clientId: client.clientId,
        appStatus,
        partnerStatus: client.partnerStatus,
        scopes: isLive ? client.scopes : [],
        grants: dates.map((d) => ({
          scope: d.scope,
          expiresAt: d.expiresAt?.toISOString() ?? null,
          lastUsedAt: d.lastUsedAt?.toISOString() ?? null,
        })),
        version: client.version,
      },
    };
  }

  /** POST /api/v1/decisions */
  async decision(call: IncomingCall): Promise<HttpResult> {
    if (!(await this.authenticate(call))) return unauthorized();
    return this.checkDecisionHeaders(call) ?? this.decisionForBody(await call.readBody());
  }

  /** The checks that need no body: media type and declared size. */
  checkDecisionHeaders(call: IncomingCall): HttpResult | null {
    if (!isJsonContentType(call.header("content-type"))) return notJson();
    return isDeclaredTooLarge(call.header("content-length"))
      ? unreadableBody({ kind: "too_large" }, MAX_BODY_BYTES)
      : null;
  }

  /** After the key check: answers from the body, synchronously when the client is in the cache. */
  decisionForBody(read: BodyRead): HttpResult | Promise<HttpResult> {
    const parsed = parseDecisionBody(read);
    if ("status" in parsed) return parsed;
    if (parsed.accessToken !== undefined) {
      const verified = this.tokens.verify(parsed.accessToken);
      return verified instanceof Promise
        ? verified.then((v) => this.tokenDecisionResult(v, parsed))
        : this.tokenDecisionResult(verified, parsed);
    }
    const cached = this.grants.peek(parsed.clientId!);
    if (cached !== undefined) return this.decisionResult(cached, parsed);
    return this.grants.get(parsed.clientId!).then((client) => this.decisionResult(client, parsed));
  }

  /** A decision on a verified token: its client's live grants, its scopes and its patient. */
  private tokenDecisionResult(
    verified: TokenResult,
    input: TDecisionRequest,
  ): HttpResult | Promise<HttpResult> {
    const answer = (decision: Decision): HttpResult => ({ status: 200, body: decision });
    const found = this.tokenClient(verified, input.clientId ?? null);
    if ("allow" in found) return answer(found);
    return found.client instanceof Promise
      ? found.client.then((client) =>
          answer(this.decideWithToken(client, found.token, input.request)),
        )
      : answer(this.decideWithToken(found.client, found.token, input.request));
  }

  /** The token's client (from the grant cache), or the denial when the token or client is refused. */
  private tokenClient(
    verified: TokenResult,
    clientId: string | null,
  ):
    | Decision
    | { token: VerifiedToken; client: CachedClient | null | Promise<CachedClient | null> } {
    if (!verified.ok) return tokenDenial(verified.code, verified.reason);
    if (clientId !== null && clientId !== verified.clientId)
      return tokenDenial(
        "token_client_mismatch",
        "Denied: the token was issued to another client than the one named in the request.",
      );
    const cached = this.grants.peek(verified.clientId);
    return {
      token: verified,
      client: cached !== undefined ? cached : this.grants.get(verified.clientId),
    };
  }

  private decideWithToken(
    client: CachedClient | null,
    token: VerifiedToken,
    request: FhirRequest,
  ): Decision {
    if (!client)
      return tokenDenial(
        "token_unknown_client",
        "Denied: the token's client is not an app registered in this portal.",
      );
    return this.decideFor(client, token.scopes, request, { patient: token.patient });
  }

  private decisionResult(client: CachedClient | null, input: TDecisionRequest): HttpResult {
    if (!client) return unknownClient();
    const scopes = input.tokenScopes === undefined ? null : this.tokenIndex(input.tokenScopes);
    return { status: 200, body: this.decideFor(client, scopes, input.request) };
  }

  /**
   * GET /api/v1/decisions/nginx — for nginx auth_request, which sends a bodiless subrequest and
   * understands only 2xx, 401 and 403: the request comes in headers, the answer is 204 or 403.
   */
  async nginxDecision(call: IncomingCall): Promise<HttpResult> {
    if (!(await this.authenticate(call))) return unauthorized();
    const deny = (reason: string, extra: Record<string, string> = {}): HttpResult => ({
      status: 403,
      body: null,
      headers: { "X-Decision-Reason": headerSafe(reason), ...extra },
    });
    const clientId = call.header("x-client-id")?.trim() ?? "";
    const authorization = call.header("x-original-authorization");
    const uri = call.header("x-original-uri") ?? "";
    const tokenScopes = call.header("x-token-scopes");
    if (!uri.startsWith("/") || uri.length > 8192)
      return deny("X-Original-URI is missing or too long.");
    const request: FhirRequest = {
      method: call.header("x-original-method") ?? "GET",
      path: uri,
      basePath: call.header("x-fhir-base"),
    };
    if (clientId && !isClientIdLike(clientId)) return deny("Unknown client id.");
    if (authorization) return this.nginxTokenDecision(authorization, clientId || null, request);
    if (!clientId) {
      // The capability statement and SMART configuration are public: apps read them before a token.
      const need = needOfRequest(request);
      if (need.kind === "public")
        return {
          status: 204,
          body: null,
          headers: { "X-Decision-Reason": headerSafe(need.reason) },
        };
      return deny(
        "No access token: send Authorization: Bearer <token> (or the gateway must pass X-Client-Id).",
      );
    }
    if (tokenScopes !== null && tokenScopes.length > MAX_TOKEN_SCOPES_CHARS)
      return deny("X-Token-Scopes is too long.");
    const decision = await this.decide(clientId, tokenScopes, request);
    return decision ? nginxAnswer(decision) : deny("Unknown client id.");
  }

  /**
   * The client's own Authorization header, forwarded by the gateway: a refused token is 401 with
   * RFC 6750's invalid_token (nginx passes 401 on to the client), a refused request 403.
   */
  private async nginxTokenDecision(
    authorization: string,
    clientId: string | null,
    request: FhirRequest,
  ): Promise<HttpResult> {
    const token = bearerToken(authorization);
    const verified: TokenResult = token
      ? await this.tokens.verify(token)
      : {
          ok: false,
          code: "token_malformed",
          reason: "Denied: the Authorization header must be Bearer <access token>.",
        };
    const found = this.tokenClient(verified, clientId);
    if ("allow" in found) {
      // Not the token's fault (its client, or an issuer out of reach): a denial, not invalid_token.
      if (found.code && NOT_INVALID_TOKEN.has(found.code)) return nginxAnswer(found);
      const description = headerSafe(found.reason).replace(/["\\]/g, "'");
      return {
        status: 401,
        body: null,
        headers: {
          "WWW-Authenticate": `Bearer error="invalid_token", error_description="${description}"`,
          "X-Decision-Reason": headerSafe(found.reason),
          "X-Decision-Code": found.code!,
        },
      };
    }
    return nginxAnswer(this.decideWithToken(await found.client, found.token, request));
  }

  /**
   * GET /healthz: 200 once the grant cache is warm, 503 before (a load balancer holds traffic
   * meanwhile; requests that do arrive are answered from the database). The body carries the
   * cache's freshness, size, counters and warm-up progress.
   */
  health(): HttpResult {
    const ready = this.grants.isReady();
    return {
      status: ready ? 200 : 503,
      body: {
        ok: ready,
        ready,
        grantCache: {
          isFresh: this.grants.isFresh(),
          entries: this.grants.size,
          maxClients: this.grants.maxClients,
          ...this.grants.stats,
          warmUp: this.grants.warmUp(),
        },
        tokens: { issuer: this.tokens.issuer, entries: this.tokens.size, ...this.tokens.stats },
      },
    };
  }

  /** The decision for one request, or null when the client id is unknown. */
  async decide(
    clientId: string,
    tokenScopes: string | null,
    request: FhirRequest,
  ): Promise<Decision | null> {
    const client = await this.grants.get(clientId);
    if (!client) return null;
    return this.decideFor(
      client,
      tokenScopes === null ? null : this.tokenIndex(tokenScopes),
      request,
    );
  }

  private decideFor(
    client: CachedClient,
    token: TokenIndex | null,
    request: FhirRequest,
    launch: LaunchContext | null = null,
  ): Decision {
    const decision = decide(client, needOfRequest(request), token, launch);
    if (this.usage !== null) {
      if (decision.allow) {
        if (decision.matchedScope) this.usage.recordAllowed(client, decision.matchedScope);
      } else if (decision.required) this.usage.recordDenied(client, decision.required);
    }
    return decision;
  }
}

const NOT_INVALID_TOKEN = new Set<DecisionCode>([
  "token_client_mismatch",
  "token_unknown_client",
  "token_unverifiable",
]);

const tokenDenial = (code: DecisionCode, reason: string): Decision => ({
  allow: false,
  reason,
  required: null,
  matchedScope: null,
  code,
});

/** A decision as nginx's auth_request reads it: 204 or 403, the why in headers. */
function nginxAnswer(decision: Decision): HttpResult {
  const headers: Record<string, string> = { "X-Decision-Reason": headerSafe(decision.reason) };
  if (decision.required) headers["X-Decision-Required"] = headerSafe(decision.required);
  if (decision.matchedScope)
    headers["X-Decision-Matched-Scope"] = headerSafe(decision.matchedScope);
  if (decision.code) headers["X-Decision-Code"] = decision.code;
  return decision.allow
    ? { status: 204, body: null, headers }
    : { status: 403, body: null, headers };
}

/**
 * Builds the API with its caches and starts the grant-change poller (first poll done on return).
 * Unless `warm` is false, the grant cache starts warming in the background: callers that must not
 * report ready before it is warm `await api.grants.warm()` (or watch `api.grants.isReady()`).
 */
export async function startEnforcementApi(
  db: Db,
  options: {
    cache?: GrantCacheOptions;
    keys?: AuthenticatorOptions;
    warm?: boolean;
    /** Usage recording (on by default); false turns it off. */
    usage?: UsageRecorderOptions | false;
  } = {},
): Promise<EnforcementApi> {
  const grants = new GrantCache(db, options.cache);
  await grants.start();
  if (options.warm !== false) void grants.warm();
  const usage = options.usage === false ? null : new UsageRecorder(db, options.usage);
  usage?.start();
  return new EnforcementApi(
    grants,
    new ApiKeyAuthenticator(db, options.keys),
    new TokenVerifier(),
    usage,
  );
}
