// SMART scopes at the embedded authorization server. Validity is decided by the portal's scope
// engine (lib/scopes), never by a second grammar here. The client's registered `scope` is the
// ceiling: a request for anything else is refused with invalid_scope (not silently dropped), so
// an app learns at once that it asked for more than was approved.
import type Provider from "oidc-provider";
import internals from "oidc-provider/lib/helpers/weak_cache.js";
import { parseScope, splitScopeString } from "../scopes";

/** The scopes the server itself honours (identity, patient launch context, refresh tokens). */
export const SERVER_SCOPES = ["openid", "fhirUser", "profile", "launch/patient", "offline_access"];
const serverScopes = new Set(SERVER_SCOPES);

/**
 * oidc-provider 9 has no dynamic scopes: a client's registered `scope` may hold only members of
 * its scope set, yet SMART's clinical scopes are an open family (every resource type, v1 and v2,
 * search narrowing). This set says `has` to every scope the engine finds valid, so the portal
 * can register any approved scope; iterating it (discovery's scopes_supported) lists the
 * server's own. oidc-provider's other checks use the built-in `has` and see the server's own only.
 */
class SmartScopeSet extends Set<string> {
  override has(value: string): boolean {
    return super.has(value) || parseScope(value).valid;
  }
}

/** Makes the provider's scope set a SmartScopeSet (oidc-provider copies the configured one). */
export function acceptSmartScopes(provider: Provider): void {
  Object.setPrototypeOf(internals(provider).configuration.scopes, SmartScopeSet.prototype);
}

export const isServerScope = (scope: string) => serverScopes.has(scope);

/** Why a requested scope cannot be granted to this client, or null when it can. */
export function scopeRefusal(scope: string, ceiling: ReadonlySet<string>): string | null {
  const parsed = parseScope(scope);
  if (!parsed.valid)
    return `${scope} is not a valid SMART scope: ${parsed.errors[0]?.message ?? "unrecognised"}`;
  if (parsed.kind !== "clinical" && !serverScopes.has(scope))
    return `${scope} is not supported by this authorization server (it offers ${SERVER_SCOPES.join(", ")} and clinical scopes)`;
  if (!ceiling.has(scope)) return `${scope} is not among the scopes registered for this client`;
  return null;
}

export function firstRefusal(
  requested: string | undefined,
  registered: string | undefined,
): { scope: string; reason: string } | null {
  const ceiling = new Set(splitScopeString(registered ?? ""));
  for (const scope of splitScopeString(requested ?? "")) {
    const reason = scopeRefusal(scope, ceiling);
    if (reason) return { scope, reason };
  }
  return null;
}

/** The registered clinical scopes: what the FHIR API accepts in this client's tokens. */
export function clinicalCeiling(registered: string | undefined): string {
  return splitScopeString(registered ?? "")
    .filter((scope) => parseScope(scope).kind === "clinical")
    .join(" ");
}

/** Registered scopes the engine does not accept, with its reason (for registration errors). */
export function invalidScopes(registered: string): string[] {
  return splitScopeString(registered).flatMap((scope) => {
    const parsed = parseScope(scope);
    return parsed.valid ? [] : [`${scope} (${parsed.errors[0]?.message ?? "unrecognised"})`];
  });
}
