export * from "./types";
export { DEFAULT_POLICY } from "./default-policy";
export { approversFor, evaluatePolicy, requiresApproval, ruleMatches } from "./evaluate";
export {
  MAX_POLICY_RULES,
  ZPolicy,
  ZPolicyMatch,
  ZPolicyAging,
  ZPolicyOutcome,
  ZPolicyRule,
  type TPolicy,
} from "./schema";
export {
  addWorkingDays,
  deadlineStatus,
  DEFAULT_RESPONSE_TARGETS,
  dueDateFor,
  responseTargetDays,
  ZResponseTargets,
  type DeadlineStatus,
  type ResponseTargets,
} from "./deadlines";
export {
  DEFAULT_KEY_ROTATION_DAYS,
  DEFAULT_UNUSED_AFTER_DAYS,
  capExpiry,
  expiryFor,
  keyRotationDays,
  maxLifetimeDays,
  unusedAfterDays,
} from "./aging";
