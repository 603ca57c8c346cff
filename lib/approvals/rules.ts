// Pure decisions about approvals: when a request is approved enough, and what narrowing is.
import type { ScopeState } from "../generated/prisma/enums";
import { covers, sameMeaning, type ParsedScope } from "../scopes";

/** The scope rows an app holds or waits for: what lints, change requests and revocation see. */
export const LIVE_SCOPE_STATES: ScopeState[] = ["pending", "changes_requested", "granted"];

export const isLiveScopeState = (state: ScopeState): boolean => LIVE_SCOPE_STATES.includes(state);

export type ApprovalStep =
  | { kind: "grant"; approvers: number }
  | { kind: "partial"; have: number; need: number }
  | { kind: "duplicate" };

/** One more approval by `adminId` given the earlier ones: granted, still waiting, or refused as the same person. */
export function approvalStep(
  required: number,
  earlierApproverIds: readonly string[],
  adminId: string,
): ApprovalStep {
  const distinct = new Set(earlierApproverIds);
  if (distinct.has(adminId)) return { kind: "duplicate" };
  const have = distinct.size + 1;
  const need = Math.max(1, required);
  return have >= need ? { kind: "grant", approvers: have } : { kind: "partial", have, need };
}

/** Null when `narrowed` allows strictly less than `original`; otherwise why it is not a narrowing. */
export function narrowingProblem(original: ParsedScope, narrowed: ParsedScope): string | null {
  if (!narrowed.valid)
    return `${narrowed.input} is not a valid scope: ${narrowed.errors[0]?.message ?? "check its form"}`;
  if (narrowed.kind !== "clinical" || original.kind !== "clinical")
    return "Only clinical scopes can be narrowed.";
  if (narrowed.context !== original.context)
    return `A narrower scope keeps the ${original.context}/ context.`;
  if (sameMeaning(original, narrowed)) return "That is the same scope; approve it instead.";
  if (!covers([original], narrowed))
    return `${narrowed.input} is not within ${original.input}: keep the resource type (or pick one for a wildcard), use a subset of the permissions, and only add search restrictions.`;
  return null;
}
