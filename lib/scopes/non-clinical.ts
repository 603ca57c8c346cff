/** Identity, launch-context and refresh-token scopes, and hints for unknown scopes. */
import { RESOURCE_TYPES } from "./resource-types";
import { createSuggester, quote } from "./suggest";
import type { ScopeIssue, ScopeKind } from "./types";

export type NonClinicalKind = Exclude<ScopeKind, "clinical" | "unknown">;

/** The standard non-clinical scopes of SMART App Launch 2.0–2.2 (plus OIDC `profile`). */
export const KNOWN_NON_CLINICAL: ReadonlyMap<string, NonClinicalKind> = new Map<
  string,
  NonClinicalKind
>([
  ["openid", "identity"],
  ["fhirUser", "identity"],
  ["profile", "identity"],
  ["launch", "launch"],
  ["launch/patient", "launch"],
  ["launch/encounter", "launch"],
  ["offline_access", "refresh"],
  ["online_access", "refresh"],
]);

/** lower-case resource type → the type, for `launch/<type>` context requests. */
const LOWER_TYPES: ReadonlyMap<string, string> = new Map(
  RESOURCE_TYPES.map((t) => [t.toLowerCase(), t]),
);

export interface LaunchTarget {
  /** The FHIR resource type whose context is requested. */
  resourceType: string;
  /** false for launch/patient and launch/encounter; true for the guide's experimental "others". */
  experimental: boolean;
}

/**
 * `launch/<lowercase type>` context requests: the guide lists patient and
 * encounter, and lets EHRs support any other type, written in lower case.
 */
export function launchTarget(name: string): LaunchTarget | null {
  const type = LOWER_TYPES.get(name);
  if (!type) return null;
  return { resourceType: type, experimental: type !== "Patient" && type !== "Encounter" };
}

const launchSuggester = createSuggester([...LOWER_TYPES.keys()]);

/** An error for `launch/<name>` that names no lower-case resource type. */
export function launchNameIssue(name: string, rest: string): ScopeIssue {
  if (name.length === 0) {
    return {
      code: "UNKNOWN_SCOPE",
      message:
        "`launch/` needs a context after the slash, e.g. `launch/patient`; use plain `launch` for an EHR launch.",
    };
  }
  const dot = name.indexOf(".");
  const typePart = dot >= 0 ? name.slice(0, dot) : name;
  const lower = LOWER_TYPES.get(typePart.toLowerCase());
  if (dot >= 0) {
    return {
      code: "INVALID_CONTEXT",
      message: `${quote(`launch/${name}${rest}`)} looks like a clinical scope, but \`launch\` is not a context: clinical scopes start with \`patient/\`, \`user/\` or \`system/\` (e.g. ${quote(`patient/${lower ?? typePart}${name.slice(dot)}`)}), and the launch context is requested separately with \`launch/patient\`.`,
    };
  }
  if (lower) {
    return {
      code: "LAUNCH_CONTEXT_NOT_LOWERCASE",
      message: `Launch context scopes are written in lower case: did you mean ${quote(`launch/${lower.toLowerCase()}${rest}`)}?`,
    };
  }
  const near = launchSuggester.suggest(name);
  return {
    code: "UNKNOWN_SCOPE",
    message: `${quote(`launch/${name}`)} is not a launch context scope: use \`launch/patient\`, \`launch/encounter\` or \`launch/<lower-case resource type>\`${near ? `; did you mean ${quote(`launch/${near}`)}?` : "."}`,
  };
}

/** Compares ignoring case and separators: `offline-access`, `Offline_Access` and `offlineaccess` are one. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

const knownSuggester = createSuggester([...KNOWN_NON_CLINICAL.keys()], squash);

/** The known scope `text` is probably a typo of (case, separators or a small edit), if any. */
export function suggestKnownScope(text: string): string | null {
  return text.length > 40 ? null : knownSuggester.suggest(text);
}

export const EXPLAIN_NON_CLINICAL: Readonly<Record<string, string>> = {
  openid: "Sign the user in with OpenID Connect and receive an ID token",
  fhirUser:
    "Learn which FHIR resource (Patient, Practitioner, RelatedPerson…) represents the signed-in user",
  profile:
    "Read the signed-in user's basic profile (legacy OpenID identity scope; prefer fhirUser)",
  launch:
    "Receive the EHR's launch context (such as the open patient or encounter) when launched from the EHR",
  "launch/patient": "Ask for a patient to be selected at launch time when launched outside the EHR",
  "launch/encounter":
    "Ask for an encounter to be selected at launch time when launched outside the EHR",
  offline_access: "Keep access with a refresh token even after the user stops using the app",
  online_access: "Refresh access while the user remains signed in",
};
