// The embedded SMART authorization server: panva's oidc-provider configured for SMART App Launch
// 2.2 and Backend Services. Clients arrive only through RFC 7591/7592 (initial access token).
import type { IncomingMessage, ServerResponse } from "node:http";
import Provider, { errors, interactionPolicy, type Configuration } from "oidc-provider";
import type { Db } from "../database/client";
import { findEndUserAccount } from "./accounts";
import { createAdapterFactory } from "./adapter";
import {
  CHECKED_METADATA,
  clientIdFor,
  clientSecretFor,
  validateClientMetadata,
} from "./client-metadata";
import { errorPage } from "./error-page";
import { holdsInteraction, interactionRoutes } from "./interactions";
import { findLaunchContext } from "./records";
import { acceptSmartScopes, clinicalCeiling, resolveRequestedScopes } from "./scopes";
import type { EmbeddedAuthServerSettings } from "./settings";
import { smartMiddleware } from "./smart-middleware";
import { storeStructuredTokens, tokenParamRewriter } from "./structured-tokens";

export type AuthorizationServer = {
  issuer: string;
  mountPath: string;
  provider: Provider;
  /** Serves a request whose path starts with mountPath. */
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  holdsInteraction: (req: IncomingMessage, res: ServerResponse, uid: string) => Promise<boolean>;
};

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, "") === b.replace(/\/+$/, "");

/** Every authorization asks the person (and picks the patient): nothing is granted silently. */
function smartPolicy() {
  const policy = interactionPolicy.base();
  policy
    .get("consent")!
    .checks.add(
      new interactionPolicy.Check(
        "smart_launch",
        "each SMART launch is authorized by the user",
        (ctx) => !ctx.oidc.result?.consent,
      ),
    );
  return policy;
}

function configuration(db: Db, settings: EmbeddedAuthServerSettings, mountPath: string) {
  const fhirBase = settings.fhirBaseUrl;
  return {
    adapter: createAdapterFactory(db, {
      encryptionKey: settings.encryptionKey,
      isRegistering: () => Provider.ctx?.oidc?.route === "registration",
      clientIdTaken: () => new errors.InvalidClientMetadata("client_id is already registered"),
    }),
    jwks: settings.jwks,
    cookies: { keys: settings.cookieKeys },
    scopes: ["openid", "offline_access", "launch/patient"],
    claims: { openid: ["sub"], fhirUser: ["fhirUser"], profile: ["name"] },
    // SMART apps read fhirUser from the ID token, not from a userinfo call.
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    clientAuthMethods: ["none", "client_secret_basic", "private_key_jwt"],
    enabledJWA: { clientAuthSigningAlgValues: ["RS384", "ES384"] },
    pkce: { required: () => true },
    extraParams: {
      aud(_ctx: unknown, value: string | undefined) {
        if (value !== undefined && !sameUrl(value, fhirBase))
          throw new errors.InvalidRequest(`aud must be this server's FHIR base URL, ${fhirBase}`);
      },
    },
    extraClientMetadata: {
      properties: CHECKED_METADATA,
      validator: (_ctx: unknown, key: string, value: unknown, metadata: Record<string, unknown>) =>
        validateClientMetadata(key, value, metadata, settings),
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      registration: {
        enabled: true,
        initialAccessToken: settings.registrationToken,
        idFactory: clientIdFor,
        secretFactory: clientSecretFor,
      },
      // No rotation: a lost update response must not lock the portal out of the registration.
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBase,
        useGrantedResource: () => true,
        getResourceServerInfo(ctx, resource, client) {
          if (!sameUrl(resource, fhirBase)) throw new errors.InvalidTarget();
          const params = ctx.oidc.params as { scope?: string; grant_type?: string } | undefined;
          if (params?.grant_type === "client_credentials" && !params.scope)
            throw new errors.InvalidScope(
              "scope is required: ask for the system/ scopes you need",
              "",
            );
          if (params?.scope) {
            const resolved = resolveRequestedScopes(params.scope, client.scope);
            if ("refused" in resolved)
              throw new errors.InvalidScope(resolved.reason, resolved.refused);
            // Same-meaning variants become the registered form before anything is granted.
            params.scope = resolved.scope;
          }
          return {
            audience: fhirBase,
            scope: clinicalCeiling(client.scope),
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    async findAccount(_ctx, sub) {
      const account = await findEndUserAccount(db, sub);
      if (!account) return undefined;
      return {
        accountId: account.id,
        claims: () => ({
          sub: account.id,
          fhirUser: `${fhirBase}/${account.fhirUser}`,
          name: account.name,
        }),
      };
    },
    async extraTokenClaims(_ctx, token) {
      const grantId = "grantId" in token ? token.grantId : undefined;
      const context = grantId ? await findLaunchContext(db, grantId) : null;
      return context ? { ...context } : undefined;
    },
    interactions: {
      url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
      policy: smartPolicy(),
    },
    ttl: {
      AccessToken: 60 * 60,
      // SMART Backend Services: short-lived tokens, no refresh.
      ClientCredentials: 5 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 30 * 60,
      Session: 8 * 60 * 60,
      RefreshToken: 30 * 24 * 60 * 60,
      Grant: 30 * 24 * 60 * 60,
    },
    clientBasedCORS(_ctx, origin, client) {
      return (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin);
    },
    // Outside production a jwks_uri may be on this machine or the local network (tests, demos).
    fetch: (url, options) => {
      if (!settings.isProduction) delete (options as { dispatcher?: unknown }).dispatcher;
      return fetch(url, options);
    },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = errorPage(out);
    },
  } satisfies Configuration;
}

export function createAuthorizationServer(
  db: Db,
  settings: EmbeddedAuthServerSettings,
): AuthorizationServer {
  const mountPath = new URL(settings.issuer).pathname.replace(/\/+$/, "");
  const provider = new Provider(settings.issuer, configuration(db, settings, mountPath));
  acceptSmartScopes(provider);
  storeStructuredTokens(provider);
  // An https issuer behind a plain-http listener means a TLS-terminating proxy in front.
  provider.proxy = settings.issuer.startsWith("https:");
  provider.use(smartMiddleware({ provider, issuer: settings.issuer, mountPath }));
  provider.use(interactionRoutes({ provider, db, fhirBaseUrl: settings.fhirBaseUrl, mountPath }));
  const callback = provider.callback();
  const rewriteToken = tokenParamRewriter({ issuer: settings.issuer, jwks: settings.jwks });
  const tokenPaths = new Set([provider.pathFor("introspection"), provider.pathFor("revocation")]);
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(mountPath.length) || "/";
    void callback(req, res);
  };
  return {
    issuer: settings.issuer,
    mountPath,
    provider,
    handle(req, res) {
      if (tokenPaths.has((req.url ?? "").split("?")[0]!))
        return void rewriteToken(req, res, serve).catch((error: unknown) => {
          console.error("authorization server: token request failed", error);
          if (!res.headersSent) res.writeHead(500).end();
        });
      serve(req, res);
    },
    holdsInteraction: (req, res, uid) => holdsInteraction(provider, req, res, uid),
  };
}
