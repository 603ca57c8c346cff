/** Construction of ParsedScope objects, always with the same shape (keeps V8 call sites monomorphic). */
import type {
  ParsedScope,
  QueryPair,
  ScopeContext,
  ScopeIssue,
  ScopeKind,
  ScopeQuery,
  ScopeVersion,
} from "./types";

export const NO_ISSUES: readonly ScopeIssue[] = Object.freeze([]);

export function makeScope(
  input: string,
  kind: ScopeKind,
  context: ScopeContext | null,
  resourceType: string | null,
  permissions: string | null,
  mask: number,
  version: ScopeVersion | null,
  query: ScopeQuery | null,
  pairs: readonly QueryPair[] | null,
  normalized: string,
  warnings: readonly ScopeIssue[],
): ParsedScope {
  return {
    input,
    valid: true,
    kind,
    context,
    resourceType,
    permissions,
    mask,
    version,
    query,
    pairs,
    normalized,
    errors: NO_ISSUES,
    warnings,
  };
}

/**
 * An invalid scope. Every descriptive field is null: a scope that only partly
 * parses grants nothing, and consumers must not mistake a fragment for a grant.
 */
export function invalidScope(
  input: string,
  kind: ScopeKind,
  errors: readonly ScopeIssue[],
  warnings: readonly ScopeIssue[] = NO_ISSUES,
): ParsedScope {
  return {
    input,
    valid: false,
    kind,
    context: null,
    resourceType: null,
    permissions: null,
    mask: 0,
    version: null,
    query: null,
    pairs: null,
    normalized: null,
    errors,
    warnings,
  };
}

/** ASCII whitespace as the WHATWG defines it: tab, LF, FF, CR, space. */
export function isAsciiWhitespace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 12 || ch === 13;
}

/** No-break, typographic and zero-width spaces that copy-paste from documents brings along. */
export function isUnicodeSpace(ch: number): boolean {
  return (
    ch === 0xa0 ||
    ch === 0x1680 ||
    (ch >= 0x2000 && ch <= 0x200b) ||
    ch === 0x2028 ||
    ch === 0x2029 ||
    ch === 0x202f ||
    ch === 0x205f ||
    ch === 0x3000 ||
    ch === 0xfeff
  );
}

/** An error for whitespace or control characters inside one scope, or null when there are none. */
export function characterIssue(input: string): ScopeIssue | null {
  let whitespace = false;
  let control = false;
  let unicodeSpace = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    if (isAsciiWhitespace(ch)) whitespace = true;
    else if (ch < 0x20 || ch === 0x7f) control = true;
    else if (ch >= 0xa0 && isUnicodeSpace(ch)) unicodeSpace = true;
  }
  if (whitespace) {
    const parts = input.split(/[ \t\n\f\r]+/).filter(Boolean).length;
    return {
      code: "SCOPE_CONTAINS_WHITESPACE",
      message:
        `A scope cannot contain whitespace (scope strings are space-separated, so this reads as ${parts} scope${parts === 1 ? "" : "s"}): ` +
        "give each scope as its own item, and percent-encode a space inside a narrowing value as `%20`.",
    };
  }
  if (unicodeSpace) {
    return {
      code: "INVALID_CHARACTER",
      message:
        "The scope contains a non-breaking or other Unicode space (often pasted from a document): separate scopes with plain spaces and remove the others.",
    };
  }
  if (control) {
    return {
      code: "INVALID_CHARACTER",
      message:
        "The scope contains a control character; remove it (percent-encode it if it belongs in a narrowing value).",
    };
  }
  return null;
}
