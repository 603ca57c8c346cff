/** Meaning-level identity of scopes: canonical form, equivalence and de-duplication. */
import { parseScope, parseScopes } from "./parse";
import type { ParsedScope, QueryPair } from "./types";

export type ScopeListInput = string | readonly (string | ParsedScope)[];

export function toParsed(scope: string | ParsedScope): ParsedScope {
  return typeof scope === "string" ? parseScope(scope) : scope;
}

/** A string is split on whitespace; array items may be strings or already-parsed scopes. */
export function toParsedList(scopes: ScopeListInput): ParsedScope[] {
  if (typeof scopes === "string") return parseScopes(scopes);
  return scopes.map(toParsed);
}

/** The canonical v2 form of a scope, or null when it is not valid. */
export function canonicalScope(scope: string | ParsedScope): string | null {
  return toParsed(scope).normalized;
}

/** Two scopes mean the same thing iff their keys are equal (invalid scopes only equal themselves). */
export function meaningKey(scope: ParsedScope): string {
  return scope.normalized ?? `\u0000invalid:${scope.input}`;
}

export function sameMeaning(a: string | ParsedScope, b: string | ParsedScope): boolean {
  return meaningKey(toParsed(a)) === meaningKey(toParsed(b));
}

/** Keeps the first scope of each meaning, in input order (`patient/X.read` and `patient/X.rs` are one). */
export function dedupeScopes(scopes: ScopeListInput): ParsedScope[] {
  const seen = new Set<string>();
  const out: ParsedScope[] = [];
  for (const scope of toParsedList(scopes)) {
    const key = meaningKey(scope);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(scope);
  }
  return out;
}

/** True when every pair of `grant` appears in `request` (both sorted by name, then value). */
export function pairsSubset(
  grant: readonly QueryPair[] | null,
  request: readonly QueryPair[] | null,
): boolean {
  if (grant === null) return true;
  if (request === null) return false;
  let j = 0;
  for (let i = 0; i < grant.length; i++) {
    const [name, value] = grant[i]!;
    for (;;) {
      const candidate = request[j];
      if (candidate === undefined) return false;
      j++;
      if (candidate[0] === name && candidate[1] === value) break;
      if (candidate[0] > name || (candidate[0] === name && candidate[1] > value)) return false;
    }
  }
  return true;
}
