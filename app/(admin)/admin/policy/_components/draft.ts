// The editor's working copy of a policy: list conditions as checkbox sets, the two boolean
// conditions as any/yes/no, and resource types as the text being typed.
import type { FieldErrors } from "@/lib/errors";
import type { Policy, PolicyMatch, PolicyOutcome, PolicyRule, PolicyScopeKind } from "@/lib/policy";
import type { AppType, PermissionLetter, ScopeContext } from "@/lib/scopes";

export type TriState = "any" | "yes" | "no";

export type DraftRule = {
  /** Stable React key: rule ids can be edited, so they cannot be the key. */
  key: string;
  id: string;
  description: string;
  outcome: PolicyOutcome;
  kinds: PolicyScopeKind[];
  contexts: ScopeContext[];
  permissionsAny: PermissionLetter[];
  appTypes: AppType[];
  wildcardResource: TriState;
  narrowed: TriState;
  resourceTypes: string;
};

export type Draft = { rules: DraftRule[]; fallback: PolicyOutcome };

export const KINDS: readonly PolicyScopeKind[] = ["clinical", "identity", "launch", "refresh"];
export const CONTEXTS: readonly ScopeContext[] = ["patient", "user", "system"];
export const LETTERS: readonly PermissionLetter[] = ["c", "r", "u", "d", "s"];
export const APP_TYPES: readonly AppType[] = ["patient", "provider", "backend"];
export const OUTCOMES: readonly PolicyOutcome[] = [
  "grant",
  "one_approver",
  "two_approvers",
  "forbidden",
];

// Keys of loaded rules follow their position, so the server and browser render the same element
// ids; rules added in the browser count on from there.
let added = 0;

const tri = (value: boolean | undefined): TriState =>
  value === undefined ? "any" : value ? "yes" : "no";
const fromTri = (value: TriState) => (value === "any" ? undefined : value === "yes");
/** Checked boxes in the canonical order; none checked means the condition is left out. */
const set = <T extends string>(all: readonly T[], chosen: readonly T[]) => {
  const list = all.filter((v) => chosen.includes(v));
  return list.length ? list : undefined;
};

export function toDraftRule(rule: PolicyRule, index: number): DraftRule {
  const m = rule.match;
  return {
    key: `r${index}`,
    id: rule.id,
    description: rule.description,
    outcome: rule.outcome,
    kinds: [...(m.kinds ?? [])],
    contexts: [...(m.contexts ?? [])],
    permissionsAny: [...(m.permissionsAny ?? [])],
    appTypes: [...(m.appTypes ?? [])],
    wildcardResource: tri(m.wildcardResource),
    narrowed: tri(m.narrowed),
    resourceTypes: (m.resourceTypes ?? []).join(", "),
  };
}

export const toDraft = (policy: Policy): Draft => ({
  rules: policy.rules.map((rule, i) => toDraftRule(rule, i)),
  fallback: policy.fallback,
});

export const splitResourceTypes = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export function fromDraftRule(rule: DraftRule): PolicyRule {
  const types = splitResourceTypes(rule.resourceTypes);
  const match: PolicyMatch = {
    kinds: set(KINDS, rule.kinds),
    contexts: set(CONTEXTS, rule.contexts),
    permissionsAny: set(LETTERS, rule.permissionsAny),
    wildcardResource: fromTri(rule.wildcardResource),
    resourceTypes: types.length ? types : undefined,
    appTypes: set(APP_TYPES, rule.appTypes),
    narrowed: fromTri(rule.narrowed),
  };
  return {
    id: rule.id.trim(),
    description: rule.description,
    outcome: rule.outcome,
    match: Object.fromEntries(
      Object.entries(match).filter(([, v]) => v !== undefined),
    ) as PolicyMatch,
  };
}

/** The draft as a policy document (not yet validated: the server checks it with ZPolicy). */
export const fromDraft = (draft: Draft): Policy => ({
  rules: draft.rules.map(fromDraftRule),
  fallback: draft.fallback,
});

/** A new rule with an id no other rule uses. It has no condition yet, which the editor asks for. */
export function newDraftRule(existing: readonly DraftRule[]): DraftRule {
  const ids = new Set(existing.map((r) => r.id));
  let n = existing.length + 1;
  while (ids.has(`rule-${n}`)) n++;
  return {
    key: `new${++added}`,
    id: `rule-${n}`,
    description: "",
    outcome: "one_approver",
    kinds: [],
    contexts: [],
    permissionsAny: [],
    appTypes: [],
    wildcardResource: "any",
    narrowed: "any",
    resourceTypes: "",
  };
}

export function moveRule(rules: readonly DraftRule[], index: number, by: -1 | 1): DraftRule[] {
  const to = index + by;
  if (to < 0 || to >= rules.length) return [...rules];
  const next = [...rules];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export type RuleField =
  | "id"
  | "description"
  | "outcome"
  | "conditions"
  | "kinds"
  | "contexts"
  | "permissionsAny"
  | "appTypes"
  | "wildcardResource"
  | "narrowed"
  | "resourceTypes";
export type RuleErrors = Partial<Record<RuleField, string[]>>;
export type EditorErrors = {
  byRule: Record<string, RuleErrors>;
  fallback?: string[];
  note?: string[];
  other: string[];
};

const RULE_PATH = /^rules\.(\d+)(?:\.(id|description|outcome|match)(?:\.(\w+))?)?/;

/**
 * Server errors (keyed by rule position, e.g. "rules.2.match.resourceTypes.0") attached to the
 * rules they were about, by key: the admin may reorder rules before fixing them.
 */
export function editorErrorsOf(
  fieldErrors: FieldErrors | undefined,
  submittedKeys: readonly string[],
): EditorErrors {
  const out: EditorErrors = { byRule: {}, other: [] };
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
    const m = RULE_PATH.exec(path);
    const key = m ? submittedKeys[Number(m[1])] : undefined;
    if (m && key) {
      const field: RuleField =
        m[2] === "match"
          ? ((m[3] as RuleField | undefined) ?? "conditions")
          : ((m[2] as RuleField | undefined) ?? "conditions");
      const rule = (out.byRule[key] ??= {});
      (rule[field] ??= []).push(...messages);
    } else if (path === "fallback") out.fallback = messages;
    else if (path === "note") out.note = messages;
    else out.other.push(...messages);
  }
  return out;
}
