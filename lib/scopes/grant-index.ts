/**
 * Grants compiled for the hot path (a gateway asking "may this client do X?" per request).
 *
 * A compiled set is one array of clinical grants sorted by (context, resource type), searched by
 * bisection, so a check costs about the same over 5 grants or 500, plus a short list of
 * non-clinical ones. Each distinct scope string is parsed once per process and its compiled grant
 * is shared by every set holding it, so a cached client costs little more than its array.
 * A lookup allocates nothing.
 */
import { pairsSubset, type ScopeListInput } from "./canonical";
import { HEAD, scanClinicalHead, scanContext } from "./parse-clinical";
import { parseScope, splitScopeString } from "./parse";
import { V1_FLAG } from "./permissions";
import { parseQuery } from "./query";
import { RESOURCE_TYPES, resourceTypeSlot } from "./resource-types";
import type { ParsedScope, QueryPair, ScopeContext } from "./types";

export interface CoverResult {
  readonly covered: boolean;
  /** The granted scope (as given) that allowed the request: the most specific single grant, or for a letter union the most specific contributor. */
  readonly matchedScope: string | null;
}

interface ClinicalGrant {
  /** Context and resource type in one number (see keyOf); `*` sorts first within its context. */
  readonly key: number;
  readonly mask: number;
  readonly pairs: readonly QueryPair[] | null;
  readonly hit: CoverResult;
}

interface OtherGrant {
  readonly key: -1;
  readonly normalized: string;
  readonly hit: CoverResult;
}

export interface GrantIndex {
  /** Sorted by key; within a key the narrowed grants (more specific) first, input order otherwise. */
  readonly clinical: readonly ClinicalGrant[];
  /** Non-clinical grants, one per normalized scope (the first given). */
  readonly other: readonly OtherGrant[];
}

// Local references for the per-request path: imported bindings are getter calls once compiled to
// CommonJS (see parse-clinical.ts).
const head = HEAD;
const scanHead = scanClinicalHead;
const readContext = scanContext;
const subset = pairsSubset;

const NOT_COVERED: CoverResult = Object.freeze({ covered: false, matchedScope: null });
const NO_OTHER: readonly OtherGrant[] = Object.freeze([]);
/** Type slots per context: 0 is `*`, 1… the R4 resource types. */
const TYPE_SLOTS = RESOURCE_TYPES.length + 1;

function contextSlot(context: ScopeContext): 0 | 1 | 2 {
  return context === "patient" ? 0 : context === "user" ? 1 : 2;
}

const typeSlotOf = (resourceType: string) =>
  resourceType === "*" ? 0 : resourceTypeSlot(resourceType);

function keyOf(context: ScopeContext, resourceType: string): number {
  return contextSlot(context) * TYPE_SLOTS + typeSlotOf(resourceType);
}

/**
 * Compiled grants by scope string, shared by every set (null: the scope is invalid). Bounded:
 * when full it starts over, which costs a re-parse and never changes an answer.
 */
const compiledByScope = new Map<string, ClinicalGrant | OtherGrant | null>();
const COMPILED_LIMIT = 50_000;

function compileScope(scope: ParsedScope): ClinicalGrant | OtherGrant | null {
  if (!scope.valid || scope.normalized === null) return null;
  const hit: CoverResult = Object.freeze({ covered: true, matchedScope: scope.input });
  if (scope.kind !== "clinical") return { key: -1, normalized: scope.normalized, hit };
  const key = keyOf(scope.context!, scope.resourceType!);
  return { key, mask: scope.mask, pairs: scope.pairs, hit };
}

function compiledGrant(item: string | ParsedScope): ClinicalGrant | OtherGrant | null {
  const input = typeof item === "string" ? item : item.input;
  let grant = compiledByScope.get(input);
  if (grant === undefined) {
    grant = compileScope(typeof item === "string" ? parseScope(item) : item);
    if (compiledByScope.size >= COMPILED_LIMIT) compiledByScope.clear();
    compiledByScope.set(input, grant);
  }
  return grant;
}

/** Drops the shared compiled grants; the next compile parses everything again (the benchmark times that). */
export function forgetCompiledScopes(): void {
  compiledByScope.clear();
}

/** The process-wide instance of a scope string already compiled (or the string itself), so many clients share one copy. */
export function sharedScopeString(scope: string): string {
  return compiledByScope.get(scope)?.hit.matchedScope ?? scope;
}

export function compileGrants(granted: ScopeListInput): GrantIndex {
  const items = typeof granted === "string" ? splitScopeString(granted) : granted;
  const clinical: ClinicalGrant[] = [];
  let other: OtherGrant[] | null = null;
  for (const item of items) {
    const grant = compiledGrant(item);
    if (grant === null) continue;
    if (grant.key >= 0) clinical.push(grant as ClinicalGrant);
    else if (!other?.some((o) => o.normalized === (grant as OtherGrant).normalized))
      (other ??= []).push(grant as OtherGrant);
  }
  // Stable: input order is kept among grants of the same key and specificity.
  clinical.sort((a, b) => a.key - b.key || (b.pairs?.length ?? 0) - (a.pairs?.length ?? 0));
  return { clinical, other: other ?? NO_OTHER };
}

/** The first position whose key is ≥ `key`. */
function firstAtOrAfter(grants: readonly ClinicalGrant[], key: number): number {
  let low = 0;
  let high = grants.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (grants[mid]!.key < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

function lookup(
  grants: readonly ClinicalGrant[],
  wildcardKey: number,
  typeSlot: number,
  mask: number,
  pairs: readonly QueryPair[] | null,
): CoverResult {
  let union = 0;
  let contributor: CoverResult | null = null;
  // Grants on the named type first (more specific), then `*` grants; a `*` request needs a `*` grant.
  for (let round = typeSlot === 0 ? 1 : 0; round < 2; round++) {
    const key = round === 0 ? wildcardKey + typeSlot : wildcardKey;
    for (let i = firstAtOrAfter(grants, key); i < grants.length; i++) {
      const grant = grants[i]!;
      if (grant.key !== key) break;
      const useful = grant.mask & mask;
      if (useful === 0 || (grant.pairs !== null && !subset(grant.pairs, pairs))) continue;
      if (useful === mask) return grant.hit;
      union |= useful;
      contributor ??= grant.hit;
    }
  }
  return union === mask && contributor !== null ? contributor : NOT_COVERED;
}

/**
 * Answers from the index. A string request is read in place: only a narrowed one allocates (its
 * pairs), and an invalid one is refused without building the messages a parse would explain it with.
 */
export function grantIndexCovers(index: GrantIndex, requested: string | ParsedScope): CoverResult {
  if (typeof requested !== "string") return coverParsed(index, requested);
  const context = readContext(requested);
  if (context === null) {
    // A granted non-clinical scope is its own normalized form, so an exact match is a hit; and a
    // valid one without `?` is its own normalized form too, so anything else is not covered.
    const other = index.other;
    for (let i = 0; i < other.length; i++)
      if (other[i]!.normalized === requested) return other[i]!.hit;
    return requested.indexOf("?") < 0 ? NOT_COVERED : coverParsed(index, parseScope(requested));
  }
  // What fails the scan is invalid (the parser would only explain why), so it is never covered.
  if (!scanHead(requested, head.slash)) return NOT_COVERED;
  const wildcardKey = contextSlot(context) * TYPE_SLOTS;
  const { typeSlot, code, question } = head;
  if (question === requested.length)
    return lookup(index.clinical, wildcardKey, typeSlot, code & 31, null);
  if (code & V1_FLAG) return NOT_COVERED; // narrowing after a v1 suffix is invalid
  // Search-parameter names only add warnings, which change nothing here: they are not checked.
  const query = parseQuery(requested, question + 1, requested.length, null);
  if (query.badCharacters || query.errors.length > 0) return NOT_COVERED;
  return lookup(index.clinical, wildcardKey, typeSlot, code & 31, query.pairs);
}

function coverParsed(index: GrantIndex, request: ParsedScope): CoverResult {
  if (!request.valid || request.normalized === null) return NOT_COVERED;
  if (request.kind !== "clinical") {
    for (const grant of index.other) if (grant.normalized === request.normalized) return grant.hit;
    return NOT_COVERED;
  }
  const wildcardKey = contextSlot(request.context!) * TYPE_SLOTS;
  const typeSlot = typeSlotOf(request.resourceType!);
  return lookup(index.clinical, wildcardKey, typeSlot, request.mask, request.pairs);
}

/** Whether some clinical grant of `context` is on exactly `resourceType` (`*`: a wildcard grant). */
export function hasGrantOn(
  index: GrantIndex,
  context: ScopeContext,
  resourceType: string,
): boolean {
  if (resourceType !== "*" && resourceTypeSlot(resourceType) === 0) return false;
  const key = keyOf(context, resourceType);
  return index.clinical[firstAtOrAfter(index.clinical, key)]?.key === key;
}

/** Whether the index holds any clinical grant in `context`. */
export function hasGrantIn(index: GrantIndex, context: ScopeContext): boolean {
  const first = contextSlot(context) * TYPE_SLOTS;
  const at = index.clinical[firstAtOrAfter(index.clinical, first)];
  return at !== undefined && at.key < first + TYPE_SLOTS;
}
