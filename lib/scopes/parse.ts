/**
 * The scope parser: one hand-written left-to-right scan per scope, no regular
 * expressions and no closures on the success path. Never throws.
 */
import { invalidScope, isAsciiWhitespace } from "./make-scope";
import { HEAD, parseClinical, scanContext } from "./parse-clinical";
import { parseOtherScope } from "./parse-other";
import type { ParsedScope } from "./types";

export function parseScope(input: string): ParsedScope {
  if (typeof input !== "string") return nonString(input);
  const context = scanContext(input);
  return context === null ? parseOtherScope(input) : parseClinical(input, context, HEAD.slash);
}

function nonString(value: unknown): ParsedScope {
  const shown =
    typeof value === "number" || typeof value === "boolean" || typeof value === "bigint"
      ? String(value)
      : "";
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  return invalidScope(shown, "unknown", [
    {
      code: "INVALID_TYPE",
      message: `A scope must be a string, but got ${type}: pass each scope as a string.`,
    },
  ]);
}

/** Splits a space-separated scope string on runs of ASCII whitespace. */
export function splitScopeString(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const isSpace = i === text.length || isAsciiWhitespace(text.charCodeAt(i));
    if (isSpace) {
      if (start >= 0) out.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  return out;
}

/** A string is split on whitespace; an array is taken item by item (an item with whitespace is invalid). */
export function parseScopes(input: string | readonly string[]): ParsedScope[] {
  if (typeof input === "string") return splitScopeString(input).map(parseScope);
  if (!Array.isArray(input)) return [];
  return input.map((item) => parseScope(item));
}
