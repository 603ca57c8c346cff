/**
 * The analyze use case: parse, explain, grade, decide and lint a scope set in one response. It
 * joins the engine (lib/scopes) and the approval policy (lib/policy), so it sits above both.
 */
import { DEFAULT_POLICY } from "../policy/default-policy";
import { requiresApproval } from "../policy/evaluate";
import type { Policy } from "../policy/types";
import { explainScope } from "../scopes/explain";
import { lintScopes } from "../scopes/lint";
import { parseScopes } from "../scopes/parse";
import { gradeRisk } from "../scopes/risk";
import type {
  AnalyzeResponse,
  AppProfile,
  AppType,
  ClientType,
  ParsedScope,
  ScopeResult,
} from "../scopes/types";

export interface AnalyzeOptions {
  clientType?: ClientType;
  /** Further app facts for lints (the public API passes only clientType). */
  app?: AppProfile;
  policy?: Policy;
}

/** One scope in the public JSON contract; fields that do not apply are null. */
export function toScopeResult(
  scope: ParsedScope,
  policy: Policy = DEFAULT_POLICY,
  appType?: AppType,
): ScopeResult {
  return {
    input: scope.input,
    valid: scope.valid,
    kind: scope.kind,
    context: scope.context,
    resourceType: scope.resourceType,
    permissions: scope.permissions,
    version: scope.version,
    query: scope.query,
    normalized: scope.normalized,
    explanation: explainScope(scope),
    risk: gradeRisk(scope),
    requiresApproval: requiresApproval(policy, scope, appType),
    errors: scope.errors.map(({ code, message }) => ({ code, message })),
    warnings: scope.warnings.map(({ code, message }) => ({ code, message })),
  };
}

export function analyzeScopes(
  input: string | readonly string[],
  options: AnalyzeOptions = {},
): AnalyzeResponse {
  const parsed = parseScopes(input);
  const policy = options.policy ?? DEFAULT_POLICY;
  const app: AppProfile = { ...options.app };
  if (options.clientType !== undefined) app.clientType = options.clientType;
  return {
    valid: parsed.length > 0 && parsed.every((s) => s.valid),
    scopes: parsed.map((s) => toScopeResult(s, policy, app.appType)),
    findings: lintScopes(parsed, app),
  };
}
