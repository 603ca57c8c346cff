/** The clinical-scope fast path: `context/Type.perms[?query]` in one scan. */
import { characterIssue, invalidScope, makeScope, NO_ISSUES } from "./make-scope";
import { explainClinicalErrors } from "./parse-errors";
import { LETTERS, scanPermissions, V1_FLAG } from "./permissions";
import { parseQuery } from "./query";
import { encodeQuery, queryObject } from "./query-encoding";
import { RESOURCE_TYPES, resourceTypeSlotAt } from "./resource-types";
import { quote } from "./suggest";
import type { ParsedScope, ScopeContext, ScopeIssue } from "./types";

/** Result slots of scanClinicalHead (module scratch: the hot path allocates nothing). */
// Compiled to CommonJS (tsx, the bundlers), every use of an imported binding is a getter call;
// the scan runs once per gateway request, so it reads local references taken at load.
const typeNames = RESOURCE_TYPES;
const slotOfType = resourceTypeSlotAt;
const readPermissions = scanPermissions;

/** `typeSlot` is 0 for `*`, else 1 + the type's index in RESOURCE_TYPES. */
export const HEAD = { slash: 0, resourceType: "", typeSlot: 0, code: 0, dot: 0, question: 0 };

/** Reads the context at the start of `input`; sets HEAD.slash to the index of its `/`. Returns null for none. */
export function scanContext(input: string): ScopeContext | null {
  switch (input.charCodeAt(0)) {
    case 112: // p
      if (input.startsWith("patient/")) return ((HEAD.slash = 7), "patient");
      break;
    case 117: // u
      if (input.startsWith("user/")) return ((HEAD.slash = 4), "user");
      break;
    case 115: // s
      if (input.startsWith("system/")) return ((HEAD.slash = 6), "system");
      break;
  }
  return null;
}

/**
 * Scans `Type.perms` after the slash. On success fills HEAD (resourceType,
 * permission code, dot and question-mark indexes) and returns true.
 */
export function scanClinicalHead(input: string, slash: number): boolean {
  const length = input.length;
  const typeStart = slash + 1;
  // The type ends at the first `.`; a `?` before it leaves no valid type name, which fails below.
  const dot = input.indexOf(".", typeStart);
  if (dot < 0) return false;
  let typeSlot = 0;
  if (dot - typeStart !== 1 || input.charCodeAt(typeStart) !== 42 /* * */) {
    typeSlot = slotOfType(input, typeStart, dot);
    if (typeSlot === 0) return false;
  }
  let question = dot + 1;
  while (question < length && input.charCodeAt(question) !== 63) question++;
  const code = readPermissions(input, dot + 1, question);
  if (code < 0) return false;
  HEAD.resourceType = typeSlot === 0 ? "*" : typeNames[typeSlot - 1]!;
  HEAD.typeSlot = typeSlot;
  HEAD.code = code;
  HEAD.dot = dot;
  HEAD.question = question;
  return true;
}

/** Parses `input`, whose context `context` ends at index `slash` (the `/`). */
export function parseClinical(input: string, context: ScopeContext, slash: number): ParsedScope {
  if (!scanClinicalHead(input, slash)) return explainClinicalErrors(input, context, slash);
  const { resourceType, code, dot, question } = HEAD;
  const length = input.length;
  const mask = code & 31;
  const permissions = LETTERS[mask]!;
  const isV1 = (code & V1_FLAG) !== 0;
  if (question === length) {
    // A v2 scope that got this far is already canonical: reuse the input string.
    const normalized = isV1 ? `${context}/${resourceType}.${permissions}` : input;
    return makeScope(
      input,
      "clinical",
      context,
      resourceType,
      permissions,
      mask,
      isV1 ? "v1" : "v2",
      null,
      null,
      normalized,
      NO_ISSUES,
    );
  }

  if (isV1) {
    const errors: ScopeIssue[] = [];
    const bad = characterIssue(input);
    if (bad) errors.push(bad);
    errors.push({
      code: "QUERY_REQUIRES_V2",
      message: `Narrowing with \`?\` is SMART v2 only and cannot follow v1 \`${input.slice(dot + 1, question)}\`: use v2 letters instead, e.g. ${quote(`${context}/${resourceType}.${permissions}${input.slice(question)}`)}.`,
    });
    return invalidScope(input, "clinical", errors);
  }
  const parsed = parseQuery(input, question + 1, length, resourceType);
  if (parsed.badCharacters || parsed.errors.length > 0) {
    const bad = parsed.badCharacters ? characterIssue(input) : null;
    return invalidScope(
      input,
      "clinical",
      bad ? [bad, ...parsed.errors] : parsed.errors,
      parsed.warnings,
    );
  }
  const pairs = parsed.pairs;
  // Already-canonical narrowing (sorted, unique, minimally encoded) reuses the input string.
  const normalized = parsed.canonical
    ? input
    : `${context}/${resourceType}.${permissions}?${encodeQuery(pairs)}`;
  return makeScope(
    input,
    "clinical",
    context,
    resourceType,
    permissions,
    mask,
    "v2",
    queryObject(pairs),
    pairs,
    normalized,
    parsed.warnings,
  );
}
