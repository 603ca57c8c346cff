// The one oidc-provider internal the authorization server reaches (lib/authserver/scopes.ts): the
// provider's configured scope set. oidc-provider is pinned to ~9.13; a test fails if this moves.
declare module "oidc-provider/lib/helpers/weak_cache.js" {
  const instance: (provider: object) => { configuration: { scopes: Set<string> } };
  export default instance;
}
