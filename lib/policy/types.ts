/** Approval policy: ordered rules over parsed scopes, first match wins. */
import type { ResponseTargets } from "./deadlines";
import type { AppType, PermissionLetter, ScopeContext } from "../scopes/types";

export type PolicyOutcome = "grant" | "one_approver" | "two_approvers" | "forbidden";
export type PolicyScopeKind = "clinical" | "identity" | "launch" | "refresh";

/** Every condition given must hold for the rule to match. */
export interface PolicyMatch {
  kinds?: PolicyScopeKind[];
  contexts?: ScopeContext[];
  /** Matches when the scope has at least one of these permission letters. */
  permissionsAny?: PermissionLetter[];
  /** true: only `*` scopes; false: only named resource types. */
  wildcardResource?: boolean;
  /** Named types (or "*") the scope's resource type must be one of. */
  resourceTypes?: string[];
  /** Matches only when the app type is known and listed. */
  appTypes?: AppType[];
  /** true: only scopes with `?query` narrowing; false: only unnarrowed ones. */
  narrowed?: boolean;
}

export interface PolicyRule {
  id: string;
  description: string;
  outcome: PolicyOutcome;
  match: PolicyMatch;
}

/** How long a grant may live: the first matching lifetime sets the maximum; none matching, unlimited. */
export interface PolicyLifetime {
  match: PolicyMatch;
  /** Maximum days from approval; null: unlimited. */
  maxDays: number | null;
}

/** How grants age: lifetimes, when a grant counts as unused, how old a backend app's key may be. */
export interface PolicyAging {
  lifetimes?: PolicyLifetime[];
  /** A grant with no allowed decision for this many days is "unused" (default 90). */
  unusedAfterDays?: number;
  /** A key first seen at an app's JWKS URL longer ago than this is due for rotation (default 365). */
  keyRotationDays?: number;
}

export interface Policy {
  rules: PolicyRule[];
  fallback: PolicyOutcome;
  /** How long admins have to decide; DEFAULT_RESPONSE_TARGETS when left out. */
  responseTargets?: ResponseTargets;
  aging?: PolicyAging;
}

export interface PolicyDecision {
  outcome: PolicyOutcome;
  /** The rule that decided, or null for the fallback and for invalid scopes. */
  ruleId: string | null;
  reason: string;
  /** Distinct admins who must approve: 0 for grant and forbidden. */
  approvers: 0 | 1 | 2;
}
