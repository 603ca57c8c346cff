/** Query narrowing (`?name=value&...`): parsing and search-parameter checks. */
import { isKnownSearchParam, RESULT_PARAMS, suggestSearchParam } from "./resource-types";
import { quote } from "./suggest";
import { isUnicodeSpace, NO_ISSUES } from "./make-scope";
import { decodeQueryComponent, isLiteral } from "./query-encoding";
import type { QueryPair, ScopeIssue } from "./types";

export interface ParsedQuery {
  pairs: QueryPair[];
  errors: readonly ScopeIssue[];
  warnings: readonly ScopeIssue[];
  /** The query text is already canonical (sorted, unique, minimally encoded). */
  canonical: boolean;
  /** Raw whitespace or control characters were seen (the caller reports them for the whole scope). */
  badCharacters: boolean;
}

// Read per character of a narrowed scope: a local reference, as imported bindings are getter calls
// once compiled to CommonJS (see parse-clinical.ts).
const isLiteralChar = isLiteral;

function comparePairs(a: QueryPair, b: QueryPair): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

function isBadCharacter(ch: number): boolean {
  return ch <= 0x20 || ch === 0x7f || (ch >= 0xa0 && isUnicodeSpace(ch));
}

/**
 * Parses s[start, end), the text after `?`, in one pass per `&`-separated
 * segment. Names are checked against `resourceType` when given.
 */
export function parseQuery(
  s: string,
  start: number,
  end: number,
  resourceType: string | null,
): ParsedQuery {
  let errors: ScopeIssue[] | null = null;
  const pairs: QueryPair[] = [];
  if (start >= end) {
    errors = [
      {
        code: "QUERY_EMPTY",
        message:
          "The scope ends with `?` but has no `name=value` narrowing: remove the `?`, or add a search parameter such as `?category=vital-signs`.",
      },
    ];
    return { pairs, errors, warnings: NO_ISSUES, canonical: false, badCharacters: false };
  }
  let canonical = true;
  let sorted = true;
  let badCharacters = false;
  let strayAmpersand = false;
  for (let a = start; a <= end;) {
    let b = s.indexOf("&", a);
    if (b < 0 || b > end) b = end;
    const segmentStart = a;
    a = b + 1;
    if (segmentStart === b) {
      strayAmpersand = true;
      continue;
    }
    let eq = -1;
    let plain = true;
    for (let i = segmentStart; i < b; i++) {
      const ch = s.charCodeAt(i);
      if (ch === 61 /* = */ && eq < 0) eq = i;
      else if (!isLiteralChar(ch)) {
        plain = false;
        if (isBadCharacter(ch)) badCharacters = true;
      }
    }
    const issue =
      eq < 0
        ? "QUERY_MISSING_EQUALS"
        : eq === segmentStart
          ? "QUERY_EMPTY_NAME"
          : eq === b - 1
            ? "QUERY_EMPTY_VALUE"
            : null;
    if (issue) {
      (errors ??= []).push(segmentIssue(issue, s.slice(segmentStart, b)));
      continue;
    }
    let name = s.slice(segmentStart, eq);
    let value = s.slice(eq + 1, b);
    if (!plain) {
      canonical = false;
      const decodedName = decodeQueryComponent(name);
      const decodedValue = decodeQueryComponent(value);
      if (decodedName === null || decodedValue === null) {
        (errors ??= []).push(segmentIssue("QUERY_BAD_ENCODING", s.slice(segmentStart, b)));
        continue;
      }
      name = decodedName;
      value = decodedValue;
    }
    const prev = pairs[pairs.length - 1];
    if (prev !== undefined && comparePairs(prev, [name, value]) >= 0) sorted = false;
    pairs.push([name, value]);
  }
  if (strayAmpersand) {
    (errors ??= []).push({
      code: "QUERY_EMPTY_PARAMETER",
      message:
        "The narrowing has an empty parameter (a leading, trailing or doubled `&`): separate `name=value` pairs with single `&` characters.",
    });
  }
  let warnings: ScopeIssue[] | null = null;
  let unique = pairs;
  if (!sorted) {
    canonical = false;
    pairs.sort(comparePairs);
    unique = [];
    for (const pair of pairs) {
      const last = unique[unique.length - 1];
      if (last && last[0] === pair[0] && last[1] === pair[1]) {
        (warnings ??= []).push({
          code: "DUPLICATE_QUERY_PARAMETER",
          message: `${quote(`${pair[0]}=${pair[1]}`)} appears more than once; the repeat adds nothing and is dropped.`,
        });
      } else unique.push(pair);
    }
  }
  if (resourceType) warnings = checkNames(unique, resourceType, warnings);
  return {
    pairs: unique,
    errors: errors ?? NO_ISSUES,
    warnings: warnings ?? NO_ISSUES,
    canonical: canonical && errors === null,
    badCharacters,
  };
}

function segmentIssue(code: string, segment: string): ScopeIssue {
  const shown = quote(segment);
  switch (code) {
    case "QUERY_MISSING_EQUALS":
      return {
        code,
        message: `Narrowing ${shown} has no \`=\`: write it as \`name=value\`, e.g. \`category=vital-signs\`.`,
      };
    case "QUERY_EMPTY_NAME":
      return {
        code,
        message: `Narrowing ${shown} has no parameter name before \`=\`: write it as \`name=value\`.`,
      };
    case "QUERY_EMPTY_VALUE":
      return {
        code,
        message: `Narrowing ${shown} has no value after \`=\`: give a value, or remove the parameter.`,
      };
    default:
      return {
        code,
        message: `Narrowing ${shown} has a malformed percent-escape: each \`%\` must start a valid UTF-8 escape such as \`%7C\`; write a literal \`%\` as \`%25\`.`,
      };
  }
}

function checkNames(
  pairs: readonly QueryPair[],
  resourceType: string,
  warnings: ScopeIssue[] | null,
): ScopeIssue[] | null {
  let last = "";
  for (let i = 0; i < pairs.length; i++) {
    const name = pairs[i]![0];
    if (name === last) continue;
    last = name;
    if (RESULT_PARAMS.has(name)) {
      (warnings ??= []).push({
        code: "QUERY_RESULT_PARAMETER",
        message: `${quote(name)} shapes search results but does not limit which resources the scope can reach; narrow by a search parameter instead.`,
      });
    } else if (!isKnownSearchParam(resourceType, name)) {
      const target =
        resourceType === "*"
          ? "every resource type (only common parameters such as `_tag`, `_security`, `_profile` apply to `*`)"
          : resourceType;
      const hint = suggestSearchParam(resourceType, name);
      (warnings ??= []).push({
        code: "UNKNOWN_SEARCH_PARAMETER",
        message: `${quote(name)} is not a FHIR R4 search parameter for ${target}; servers may ignore or reject it.${hint ? ` Did you mean ${quote(hint)}?` : ""}`,
      });
    }
  }
  return warnings;
}
