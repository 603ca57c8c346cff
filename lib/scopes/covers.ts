/**
 * Does a set of granted scopes allow a requested scope? Reference semantics,
 * kept deliberately simple; grant-index.ts is the compiled equivalent.
 *
 * - Same context only: `user/` never covers `patient/`, `system/` covers only `system/`.
 * - A `*` grant covers every named type; a `*` request needs a `*` grant.
 * - Letters are unioned across grants (`.r` + `.s` cover `.rs`), but a letter
 *   only counts from a grant whose narrowing the request satisfies: every
 *   `name=value` of the grant must appear in the request.
 * - v1 and v2 forms are compared by meaning. Non-clinical scopes are covered
 *   only by the identical scope. Invalid scopes never cover and are never covered.
 */
import { pairsSubset, toParsed, toParsedList, type ScopeListInput } from "./canonical";
import { compileGrants, grantIndexCovers } from "./grant-index";
import type { ParsedScope } from "./types";

export function grantApplies(grant: ParsedScope, request: ParsedScope): boolean {
  return (
    grant.valid &&
    grant.kind === "clinical" &&
    grant.context === request.context &&
    (grant.resourceType === request.resourceType || grant.resourceType === "*") &&
    pairsSubset(grant.pairs, request.pairs)
  );
}

export function covers(granted: ScopeListInput, requested: string | ParsedScope): boolean {
  const request = toParsed(requested);
  if (!request.valid) return false;
  const grants = toParsedList(granted);
  if (request.kind !== "clinical") {
    return grants.some(
      (g) => g.valid && g.kind === request.kind && g.normalized === request.normalized,
    );
  }
  let union = 0;
  for (const grant of grants) if (grantApplies(grant, request)) union |= grant.mask;
  return (union & request.mask) === request.mask;
}

export interface CoversAllResult {
  covered: boolean;
  /** Inputs of the requested scopes the grants do not cover. */
  uncovered: string[];
}

export function coversAll(granted: ScopeListInput, requested: ScopeListInput): CoversAllResult {
  const index = compileGrants(granted);
  const uncovered: string[] = [];
  for (const request of toParsedList(requested)) {
    if (!grantIndexCovers(index, request).covered) uncovered.push(request.input);
  }
  return { covered: uncovered.length === 0, uncovered };
}
