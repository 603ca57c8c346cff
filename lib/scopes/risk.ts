/**
 * Default risk grade of one scope.
 *
 *   low      patient/user read or search on a named type; identity; launch; online_access
 *   medium   offline_access; patient-context wildcard read/search; patient/user write on a named type
 *   high     system read/search on a named type; user-context wildcard read/search;
 *            patient/user write on a wildcard
 *   critical system wildcard (any permissions); system write on any type
 *
 * Narrowing never changes the level (servers may support it unevenly) but is noted.
 */
import { narrowingPhrase } from "./resource-names";
import {
  PERM_D,
  PERM_WRITE,
  RISK_LEVELS,
  type ParsedScope,
  type RiskGrade,
  type RiskLevel,
} from "./types";

export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function gradeRisk(scope: ParsedScope): RiskGrade | null {
  if (!scope.valid) return null;
  switch (scope.kind) {
    case "identity":
      return { level: "low", reasons: ["Identifies the signed-in user; no clinical data."] };
    case "launch":
      return {
        level: "low",
        reasons: ["Asks for launch context only; data access needs separate scopes."],
      };
    case "refresh":
      return scope.input === "offline_access"
        ? {
            level: "medium",
            reasons: ["Long-lived refresh token keeps access after the user stops using the app."],
          }
        : { level: "low", reasons: ["Refresh token works only while the user is signed in."] };
    case "clinical":
      return gradeClinical(scope);
    default:
      return null;
  }
}

function gradeClinical(scope: ParsedScope): RiskGrade {
  const reasons: string[] = [];
  const wildcard = scope.resourceType === "*";
  const writes = (scope.mask & PERM_WRITE) !== 0;
  let level: RiskLevel;
  if (scope.context === "system") {
    reasons.push("Backend access with no user in the loop, across all patients.");
    level = wildcard || writes ? "critical" : "high";
  } else if (scope.context === "user") {
    reasons.push("Reaches every patient the signed-in user can see.");
    level = wildcard ? "high" : writes ? "medium" : "low";
  } else {
    reasons.push("Limited to the one patient in context.");
    level = wildcard ? (writes ? "high" : "medium") : writes ? "medium" : "low";
  }
  if (wildcard) reasons.push("Wildcard covers every resource type, including types added later.");
  if (writes)
    reasons.push(
      scope.mask & PERM_D ? "Can change and delete records." : "Can create or change records.",
    );
  else reasons.push("Read and search only.");
  if (scope.pairs)
    reasons.push(`Narrowed${narrowingPhrase(scope.pairs).replace(", limited", "")}.`);
  return { level, reasons };
}
