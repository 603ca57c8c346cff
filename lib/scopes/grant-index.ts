/**
 * Grants compiled for the hot path (a gateway asking "may this client do X?"
 * per request): parsed once, indexed by context and resource type, with
 * permission bitmasks and pre-built answers, so a lookup allocates nothing.
 */
import { pairsSubset, toParsed, toParsedList, type ScopeListInput } from "./canonical";
import { HEAD, scanClinicalHead, scanContext } from "./parse-clinical";
import { parseScope } from "./parse";
import type { ParsedScope, QueryPair, ScopeContext } from "./types";

export interface CoverResult {
  readonly covered: boolean;
  /** The granted scope (as given) that allowed the request: the most specific single grant, or for a letter union the most specific contributor. */
  readonly matchedScope: string | null;
}

interface Grant {
  readonly mask: number;
  readonly pairs: readonly QueryPair[] | null;
  readonly hit: CoverResult;
}

/** Grants on one context + type, most specific first: narrowed ones, then unnarrowed. */
type Grants = Grant[];

export interface GrantIndex {
  /** Per context (patient, user, system): resource type or "*" → grants. */
  readonly clinical: readonly [Map<string, Grants>, Map<string, Grants>, Map<string, Grants>];
  /** Normalized non-clinical scope → its answer. */
  readonly other: ReadonlyMap<string, CoverResult>;
}

const NOT_COVERED: CoverResult = Object.freeze({ covered: false, matchedScope: null });

function contextSlot(context: ScopeContext): 0 | 1 | 2 {
  return context === "patient" ? 0 : context === "user" ? 1 : 2;
}

export function compileGrants(granted: ScopeListInput): GrantIndex {
  const clinical: GrantIndex["clinical"] = [new Map(), new Map(), new Map()];
  const other = new Map<string, CoverResult>();
  for (const scope of toParsedList(granted)) {
    if (!scope.valid || scope.normalized === null) continue;
    const hit = Object.freeze({ covered: true, matchedScope: scope.input });
    if (scope.kind !== "clinical") {
      if (!other.has(scope.normalized)) other.set(scope.normalized, hit);
      continue;
    }
    const byType = clinical[contextSlot(scope.context!)];
    let list = byType.get(scope.resourceType!);
    if (!list) byType.set(scope.resourceType!, (list = []));
    list.push({ mask: scope.mask, pairs: scope.pairs, hit });
  }
  for (const byType of clinical) {
    // Stable sort: narrowed grants (more specific) before unnarrowed ones, input order otherwise.
    for (const list of byType.values())
      list.sort((a, b) => (b.pairs?.length ?? 0) - (a.pairs?.length ?? 0));
  }
  return { clinical, other };
}

function lookup(
  byType: Map<string, Grants>,
  resourceType: string,
  mask: number,
  pairs: readonly QueryPair[] | null,
): CoverResult {
  const named = resourceType === "*" ? undefined : byType.get(resourceType);
  const wildcard = byType.get("*");
  let union = 0;
  let contributor: CoverResult | null = null;
  for (let round = 0; round < 2; round++) {
    const list = round === 0 ? named : wildcard;
    if (list === undefined) continue;
    for (let i = 0; i < list.length; i++) {
      const grant = list[i]!;
      const useful = grant.mask & mask;
      if (useful === 0 || (grant.pairs !== null && !pairsSubset(grant.pairs, pairs))) continue;
      if (useful === mask) return grant.hit;
      union |= useful;
      contributor ??= grant.hit;
    }
  }
  return union === mask && contributor !== null ? contributor : NOT_COVERED;
}

/** Answers from the index; a string request takes an allocation-free scan unless it is narrowed or non-clinical. */
export function grantIndexCovers(index: GrantIndex, requested: string | ParsedScope): CoverResult {
  if (typeof requested === "string") {
    const context = scanContext(requested);
    if (
      context !== null &&
      scanClinicalHead(requested, HEAD.slash) &&
      HEAD.question === requested.length
    ) {
      return lookup(index.clinical[contextSlot(context)], HEAD.resourceType, HEAD.code & 31, null);
    }
    return coverParsed(index, parseScope(requested));
  }
  return coverParsed(index, toParsed(requested));
}

function coverParsed(index: GrantIndex, request: ParsedScope): CoverResult {
  if (!request.valid || request.normalized === null) return NOT_COVERED;
  if (request.kind !== "clinical") {
    const hit = index.other.get(request.normalized);
    return hit !== undefined && hit !== null ? hit : NOT_COVERED;
  }
  return lookup(
    index.clinical[contextSlot(request.context!)],
    request.resourceType!,
    request.mask,
    request.pairs,
  );
}
