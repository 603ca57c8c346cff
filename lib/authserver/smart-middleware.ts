// Where SMART App Launch differs from plain OpenID Connect, as provider middleware:
// - the SMART discovery document;
// - offline_access: OpenID Connect grants it only with prompt=consent, SMART apps never send it.
//   Every launch here asks the user anyway, so the prompt is added rather than the scope dropped;
// - the token response carries the launch context (`patient`) and lists the identity and launch
//   scopes granted, which oidc-provider leaves out of `scope` when tokens are for the FHIR API.
import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";
import { splitScopeString } from "../scopes";
import { smartConfiguration } from "./smart-configuration";

type Options = { provider: Provider; issuer: string; mountPath: string };

type TokenEntities = {
  AccessToken?: { extra?: Record<string, unknown> };
  AuthorizationCode?: { scopes: Set<string> };
  RefreshToken?: { scopes: Set<string> };
  Grant?: { getOIDCScopeFiltered(scopes: Set<string>): string };
};

function addLaunchContext(ctx: KoaContextWithOIDC) {
  const body = ctx.body as Record<string, unknown> | undefined;
  if (ctx.oidc?.route !== "token" || ctx.status !== 200 || !body?.access_token) return;
  const entities = ctx.oidc.entities as TokenEntities;
  const patient = entities.AccessToken?.extra?.patient;
  if (typeof patient === "string") body.patient = patient;
  const source = entities.AuthorizationCode ?? entities.RefreshToken;
  if (!source || !entities.Grant) return;
  const identity = splitScopeString(entities.Grant.getOIDCScopeFiltered(source.scopes));
  const scopes = new Set([...identity, ...splitScopeString(String(body.scope ?? ""))]);
  body.scope = [...scopes].join(" ");
}

export function smartMiddleware({ provider, issuer, mountPath }: Options) {
  const urlFor = (route: string) => new URL(provider.pathFor(route), issuer).href;
  return async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>) => {
    // oidc-provider finds its mount path by comparing the original and the current URL; the
    // query rewrite below would hide it, so it is stated.
    (ctx as { mountPath?: string }).mountPath = mountPath;
    if (ctx.method === "GET" && ctx.path === "/.well-known/smart-configuration") {
      ctx.set("Access-Control-Allow-Origin", "*");
      ctx.set("Cache-Control", "public, max-age=300");
      ctx.body = smartConfiguration(issuer, urlFor);
      return;
    }
    if (ctx.method === "GET" && ctx.path === "/auth") {
      const scope = typeof ctx.query.scope === "string" ? ctx.query.scope : "";
      if (ctx.query.prompt === undefined && splitScopeString(scope).includes("offline_access"))
        ctx.query = { ...ctx.query, prompt: "consent" };
    }
    await next();
    addLaunchContext(ctx);
  };
}
