/** Decides what a scope needs under a policy: first matching rule wins, else the fallback. */
import { maskOfLetters } from "../scopes/permissions";
import type { AppType, ParsedScope } from "../scopes/types";
import type { Policy, PolicyDecision, PolicyMatch, PolicyOutcome } from "./types";

export function approversFor(outcome: PolicyOutcome): 0 | 1 | 2 {
  return outcome === "two_approvers" ? 2 : outcome === "one_approver" ? 1 : 0;
}

/** True when every condition of `match` holds for the scope (and app type). */
export function ruleMatches(match: PolicyMatch, scope: ParsedScope, appType?: AppType): boolean {
  if (match.kinds && !(match.kinds as string[]).includes(scope.kind)) return false;
  const clinical = scope.kind === "clinical";
  if (match.contexts && !(clinical && match.contexts.includes(scope.context!))) return false;
  if (
    match.permissionsAny &&
    !(clinical && (scope.mask & maskOfLetters(match.permissionsAny.join(""))) !== 0)
  )
    return false;
  if (
    match.wildcardResource !== undefined &&
    !(clinical && (scope.resourceType === "*") === match.wildcardResource)
  )
    return false;
  if (match.resourceTypes && !(clinical && match.resourceTypes.includes(scope.resourceType!)))
    return false;
  if (match.narrowed !== undefined && !(clinical && (scope.pairs !== null) === match.narrowed))
    return false;
  if (match.appTypes && !(appType !== undefined && match.appTypes.includes(appType))) return false;
  return true;
}

export function evaluatePolicy(
  policy: Policy,
  scope: ParsedScope,
  appType?: AppType,
): PolicyDecision {
  if (!scope.valid || scope.kind === "unknown") {
    return {
      outcome: "forbidden",
      ruleId: null,
      reason: "Not a valid scope, so it can never be granted.",
      approvers: 0,
    };
  }
  for (const rule of policy.rules) {
    if (ruleMatches(rule.match, scope, appType)) {
      return {
        outcome: rule.outcome,
        ruleId: rule.id,
        reason: rule.description,
        approvers: approversFor(rule.outcome),
      };
    }
  }
  return {
    outcome: policy.fallback,
    ruleId: null,
    reason: `No policy rule matched; the fallback applies (${policy.fallback.replace("_", " ")}).`,
    approvers: approversFor(policy.fallback),
  };
}

/** Whether the scope waits for an admin (null for invalid scopes, which are never granted). */
export function requiresApproval(
  policy: Policy,
  scope: ParsedScope,
  appType?: AppType,
): boolean | null {
  if (!scope.valid) return null;
  return evaluatePolicy(policy, scope, appType).outcome !== "grant";
}
