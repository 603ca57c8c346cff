// SMART scopes at the embedded authorization server. Validity is decided by the portal's scope
// engine (lib/scopes), never by a second grammar here. The client's registered `scope` is the
// ceiling: a request for anything else is refused with invalid_scope (not silently dropped), so
// an app learns at once that it asked for more than was approved. A scope written differently
// but meaning the same as a registered one (v1 `patient/Observation.read` for v2
// `patient/Observation.rs`, narrowing parameters in another order) is granted as registered.
import type Provider from "oidc-provider";
import internals from "oidc-provider/lib/helpers/weak_cache.js";
import { meaningKey, parseScope, splitScopeString } from "../scopes";

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

function refusal(scope: string): string {
  const parsed = parseScope(scope);
  if (!parsed.valid)
    return `${scope} is not a valid SMART scope: ${parsed.errors[0]?.message ?? "unrecognised"}`;
  if (parsed.kind !== "clinical" && !serverScopes.has(scope))
    return `${scope} is not supported by this authorization server (it offers ${SERVER_SCOPES.join(", ")} and clinical scopes)`;
  return `${scope} is not among the scopes registered for this client`;
}

export type Resolution = { scope: string } | { refused: string; reason: string };

/**
 * The requested scopes as they will be granted (each one as registered), or the first that is
 * outside the registration and why.
 */
export function resolveRequestedScopes(
  requested: string,
  registered: string | undefined,
): Resolution {
  const ceiling = splitScopeString(registered ?? "");
  const exact = new Set(ceiling);
  const byMeaning = new Map<string, string>();
  for (const scope of ceiling) {
    const parsed = parseScope(scope);
    if (parsed.valid && parsed.kind === "clinical") byMeaning.set(meaningKey(parsed), scope);
  }
  const granted = new Set<string>();
  for (const scope of splitScopeString(requested)) {
    const parsed = parseScope(scope);
    const match = exact.has(scope)
      ? scope
      : parsed.valid && parsed.kind === "clinical"
        ? byMeaning.get(meaningKey(parsed))
        : undefined;
    if (match === undefined || (parsed.kind !== "clinical" && !serverScopes.has(scope)))
      return { refused: scope, reason: refusal(scope) };
    granted.add(match);
  }
  return { scope: [...granted].join(" ") };
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
