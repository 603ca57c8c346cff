// Pure helpers for editing the approval policy: sameness, what a draft decides, how two versions
// differ, and which existing requests and grants a draft would classify differently.
import {
  evaluatePolicy,
  type Policy,
  type PolicyDecision,
  type PolicyMatch,
  type PolicyOutcome,
  type PolicyRule,
} from "../policy";
import { parseScope, type AppType, type ParsedScope } from "../scopes";

const SET_KEYS = ["kinds", "contexts", "permissionsAny", "resourceTypes", "appTypes"] as const;
const MATCH_KEYS = [
  "kinds",
  "contexts",
  "permissionsAny",
  "wildcardResource",
  "resourceTypes",
  "appTypes",
  "narrowed",
] as const;

/** The conditions in a fixed key order, list conditions sorted: they are sets. */
function matchKey(match: PolicyMatch): string {
  const out: Record<string, unknown> = {};
  for (const key of MATCH_KEYS) {
    const value = match[key];
    if (value === undefined) continue;
    out[key] = (SET_KEYS as readonly string[]).includes(key)
      ? [...(value as string[])].sort()
      : value;
  }
  return JSON.stringify(out);
}

const ruleKey = (rule: PolicyRule) =>
  JSON.stringify([rule.id, rule.description, rule.outcome, matchKey(rule.match)]);

/** True when both would decide every scope the same way for the same stated reasons (same rules, order and fallback). */
export function samePolicy(a: Policy, b: Policy): boolean {
  return (
    a.fallback === b.fallback &&
    a.rules.length === b.rules.length &&
    a.rules.every((rule, i) => ruleKey(rule) === ruleKey(b.rules[i]!))
  );
}

export type DraftVerdict = {
  scope: ParsedScope;
  decision: PolicyDecision;
  /** 0-based position of the deciding rule; null for the fallback and for invalid scopes. */
  ruleIndex: number | null;
};

/** What a policy decides for one typed scope and (optionally) app type. */
export function decideScope(policy: Policy, scopeText: string, appType?: AppType): DraftVerdict {
  const scope = parseScope(scopeText.trim());
  const decision = evaluatePolicy(policy, scope, appType);
  const index =
    decision.ruleId === null ? -1 : policy.rules.findIndex((r) => r.id === decision.ruleId);
  return { scope, decision, ruleIndex: index < 0 ? null : index };
}

export const outcomeLabel: Record<PolicyOutcome, string> = {
  grant: "Granted at once",
  one_approver: "Needs one approver",
  two_approvers: "Needs two approvers",
  forbidden: "Forbidden",
};

const kindLabel = {
  clinical: "clinical",
  identity: "identity",
  launch: "launch context",
  refresh: "refresh token",
} as const;

/** A rule's conditions in words, e.g. "context system · any of c, u, d". */
export function describeMatch(match: PolicyMatch): string {
  const parts: string[] = [];
  if (match.kinds) parts.push(`kind ${match.kinds.map((k) => kindLabel[k]).join(" or ")}`);
  if (match.contexts) parts.push(`context ${match.contexts.join(" or ")}`);
  if (match.permissionsAny) parts.push(`any of ${match.permissionsAny.join(", ")}`);
  if (match.wildcardResource !== undefined)
    parts.push(match.wildcardResource ? "resource * only" : "named resource types only");
  if (match.resourceTypes) parts.push(`resource ${match.resourceTypes.join(" or ")}`);
  if (match.narrowed !== undefined)
    parts.push(match.narrowed ? "narrowed by search parameters" : "not narrowed");
  if (match.appTypes) parts.push(`app type ${match.appTypes.join(" or ")}`);
  return parts.length ? parts.join(" · ") : "every scope";
}

export type RuleChange = {
  id: string;
  fields: ("description" | "outcome" | "conditions")[];
  before: PolicyRule;
  after: PolicyRule;
};
export type PolicyDiff = {
  added: PolicyRule[];
  removed: PolicyRule[];
  changed: RuleChange[];
  /** Rules kept but placed differently relative to the others (first match wins, so order matters). */
  moved: string[];
  fallback: { before: PolicyOutcome; after: PolicyOutcome } | null;
  isSame: boolean;
};

/** Positions (into `seq`) of a longest increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const prev = new Array<number>(seq.length).fill(-1);
  const tails: number[] = [];
  seq.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

/** How `after` differs from `before`, rule by rule (matched by id). */
export function diffPolicies(before: Policy, after: Policy): PolicyDiff {
  const beforeById = new Map(before.rules.map((r) => [r.id, r]));
  const afterById = new Map(after.rules.map((r) => [r.id, r]));
  const added = after.rules.filter((r) => !beforeById.has(r.id));
  const removed = before.rules.filter((r) => !afterById.has(r.id));
  const changed: RuleChange[] = [];
  for (const rule of after.rules) {
    const old = beforeById.get(rule.id);
    if (!old) continue;
    const fields: RuleChange["fields"] = [];
    if (old.description !== rule.description) fields.push("description");
    if (old.outcome !== rule.outcome) fields.push("outcome");
    if (matchKey(old.match) !== matchKey(rule.match)) fields.push("conditions");
    if (fields.length) changed.push({ id: rule.id, fields, before: old, after: rule });
  }
  const common = before.rules.filter((r) => afterById.has(r.id)).map((r) => r.id);
  const afterPosition = new Map(after.rules.map((r, i) => [r.id, i]));
  const inOrder = longestIncreasing(common.map((id) => afterPosition.get(id)!));
  const moved = common.filter((_, i) => !inOrder.has(i));
  const fallback =
    before.fallback === after.fallback ? null : { before: before.fallback, after: after.fallback };
  return {
    added,
    removed,
    changed,
    moved,
    fallback,
    isSame: !added.length && !removed.length && !changed.length && !moved.length && !fallback,
  };
}

export type ClassifiedRow = { scope: string; appType: AppType; appName: string };
export type Reclassified = ClassifiedRow & {
  before: PolicyOutcome;
  after: PolicyOutcome;
  beforeRule: string | null;
  afterRule: string | null;
};

/** The rows whose outcome differs between the two policies (evaluated with each row's app type). */
export function reclassify(
  current: Policy,
  draft: Policy,
  rows: readonly ClassifiedRow[],
): Reclassified[] {
  const out: Reclassified[] = [];
  for (const row of rows) {
    const parsed = parseScope(row.scope);
    const a = evaluatePolicy(current, parsed, row.appType);
    const b = evaluatePolicy(draft, parsed, row.appType);
    if (a.outcome !== b.outcome)
      out.push({
        ...row,
        before: a.outcome,
        after: b.outcome,
        beforeRule: a.ruleId,
        afterRule: b.ruleId,
      });
  }
  return out;
}
