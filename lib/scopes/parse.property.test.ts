import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertReaching } from "../testing/reach";
import { arbNearMiss, arbScopeParts, arbSpelling, arbValidScope } from "./arbitraries.test-util";
import { parseScope, parseScopes } from "./parse";
import type { ParsedScope } from "./types";

function wellFormed(p: ParsedScope): void {
  expect(typeof p.input).toBe("string");
  expect(typeof p.valid).toBe("boolean");
  if (p.valid) {
    expect(p.errors).toHaveLength(0);
    expect(p.normalized).not.toBeNull();
  } else {
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p.normalized).toBeNull();
    expect(p.permissions).toBeNull();
  }
  for (const issue of [...p.errors, ...p.warnings]) {
    expect(issue.code).toMatch(/^[A-Z0-9_]+$/);
    expect(issue.message.length).toBeGreaterThan(10);
  }
}

const meaning = (p: ParsedScope) => ({
  kind: p.kind,
  context: p.context,
  resourceType: p.resourceType,
  permissions: p.permissions,
  query: p.query,
});

describe("parse never throws", () => {
  it("on any string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => wellFormed(parseScope(s))),
      { numRuns: 2000 },
    );
  });
  it("on any unicode, including lone surrogates", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 100 }), (s) => wellFormed(parseScope(s))),
      { numRuns: 2000 },
    );
  });
  it("on scope-shaped strings built from scope characters", () => {
    const arb = fc.string({
      unit: fc.constantFrom(..."patient/user/system.Observation*?&=%|:cruds# +é"),
      maxLength: 60,
    });
    fc.assert(
      fc.property(arb, (s) => wellFormed(parseScope(s))),
      { numRuns: 3000 },
    );
  });
  it("on near misses of valid scopes", () => {
    fc.assert(
      fc.property(arbNearMiss, (s) => wellFormed(parseScope(s))),
      { numRuns: 3000 },
    );
  });
  it("on whole strings and arrays", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.array(fc.string({ maxLength: 40 }), { maxLength: 10 }),
        ),
        (input) => {
          for (const p of parseScopes(input)) wellFormed(p);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("canonical form", () => {
  it("re-parses to the same meaning and is a fixpoint", () => {
    fc.assert(
      fc.property(arbValidScope, (s) => {
        const p = parseScope(s);
        expect(p.valid).toBe(true);
        const again = parseScope(p.normalized!);
        expect(again.valid).toBe(true);
        expect(meaning(again)).toEqual(meaning(p));
        expect(again.normalized).toBe(p.normalized);
        expect(again.version === "v1").toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
  it("holds for every valid near miss and every other valid spelling too", () => {
    // Near misses are valid about a quarter of the time; spellings (v1 names, full percent-
    // encoding, pairs out of order) always are, and are what canonicalisation must undo.
    const arb = fc.oneof(arbNearMiss, arbScopeParts.chain(arbSpelling));
    assertReaching(
      fc.property(arb, (s) => {
        const p = parseScope(s);
        fc.pre(p.valid);
        const again = parseScope(p.normalized!);
        expect(meaning(again)).toEqual(meaning(p));
        expect(again.normalized).toBe(p.normalized);
      }),
      { numRuns: 3000 },
    );
  });
  it("contains no whitespace, so it survives a space-separated scope string", () => {
    fc.assert(
      fc.property(arbValidScope, (s) => !/\s/.test(parseScope(s).normalized!)),
      { numRuns: 1000 },
    );
  });
});
