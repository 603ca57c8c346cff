// What policy says about each requested scope: granted now, or waiting for one or two admins.
import type { Policy } from "../policy";
import { DEFAULT_RESPONSE_TARGETS, dueDateFor, evaluatePolicy, maxLifetimeDays } from "../policy";
import { dedupeScopes, gradeRisk, type AppType, type ParsedScope, type RiskLevel } from "../scopes";

export type Classified = {
  scope: string;
  requested: string;
  state: "granted" | "pending";
  outcome: "grant" | "one_approver" | "two_approvers";
  ruleId: string | null;
  reason: string;
  approvalsRequired: number;
  risk: RiskLevel;
  /** Pending only: when the policy's response target says it should be decided. */
  dueAt: Date | null;
  /** The policy's maximum lifetime in days once granted; null: unlimited. */
  maxLifetimeDays: number | null;
};

export type Classification = {
  classified: Classified[];
  forbidden: { scope: string; reason: string }[];
};

export function describeOutcome(outcome: Classified["outcome"], reason: string): string {
  if (outcome === "grant") return `Granted at once: ${reason}`;
  return `Waiting for ${outcome === "two_approvers" ? "two different administrators" : "an administrator"}: ${reason}`;
}

/** Classifies valid scopes (de-duplicated by meaning, in the order given). */
export function classifyScopes(
  policy: Policy,
  scopes: readonly ParsedScope[],
  appType: AppType,
  requestedAt = new Date(),
): Classification {
  const classified: Classified[] = [];
  const forbidden: Classification["forbidden"] = [];
  for (const scope of dedupeScopes(scopes)) {
    const decision = evaluatePolicy(policy, scope, appType);
    if (decision.outcome === "forbidden" || !scope.normalized) {
      forbidden.push({ scope: scope.input, reason: decision.reason });
      continue;
    }
    const risk = gradeRisk(scope)?.level ?? "high";
    const targets = policy.responseTargets ?? DEFAULT_RESPONSE_TARGETS;
    classified.push({
      scope: scope.normalized,
      requested: scope.input,
      state: decision.outcome === "grant" ? "granted" : "pending",
      outcome: decision.outcome,
      ruleId: decision.ruleId,
      reason: describeOutcome(decision.outcome, decision.reason),
      approvalsRequired: decision.approvers,
      risk,
      dueAt:
        decision.outcome === "grant"
          ? null
          : dueDateFor(targets, { appType, context: scope.context, risk }, requestedAt),
      maxLifetimeDays: maxLifetimeDays(policy, scope, appType),
    });
  }
  return { classified, forbidden };
}
