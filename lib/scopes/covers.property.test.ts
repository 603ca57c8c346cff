import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arbAnyScope,
  arbContext,
  arbPair,
  arbType,
  arbV2Letters,
  arbValidScope,
} from "./arbitraries.test-util";
import { covers } from "./covers";
import { compileGrants, grantIndexCovers } from "./grant-index";
import { encodeQueryComponent } from "./query-encoding";
import { parseScope } from "./parse";

const RUNS = { numRuns: 1500 };

describe("covers properties", () => {
  it("is reflexive on valid scopes", () => {
    fc.assert(
      fc.property(arbValidScope, (s) => covers([s], s)),
      RUNS,
    );
  });

  it("is transitive", () => {
    fc.assert(
      fc.property(arbValidScope, arbValidScope, arbValidScope, (a, b, c) => {
        if (covers([a], b) && covers([b], c)) expect(covers([a], c)).toBe(true);
      }),
      { numRuns: 4000 },
    );
  });

  it("v1 and its v2 equivalent cover each other", () => {
    const pairs = [
      ["read", "rs"],
      ["write", "cud"],
      ["*", "cruds"],
    ] as const;
    fc.assert(
      fc.property(arbContext, arbType, fc.constantFrom(...pairs), (c, t, [v1, v2]) => {
        expect(covers([`${c}/${t}.${v1}`], `${c}/${t}.${v2}`)).toBe(true);
        expect(covers([`${c}/${t}.${v2}`], `${c}/${t}.${v1}`)).toBe(true);
      }),
      RUNS,
    );
  });

  it("narrowing never widens: adding a pair to a grant never makes it cover more", () => {
    fc.assert(
      fc.property(
        fc.array(arbValidScope, { maxLength: 3 }),
        arbContext,
        arbType,
        arbV2Letters,
        fc.array(arbPair, { maxLength: 2 }),
        arbPair,
        arbValidScope,
        (others, c, t, letters, basePairs, [n, v], request) => {
          const q = (pairs: (readonly [string, string])[]) =>
            pairs.length
              ? `?${pairs.map(([a, b]) => `${encodeQueryComponent(a)}=${encodeQueryComponent(b)}`).join("&")}`
              : "";
          const grant = `${c}/${t}.${letters}${q(basePairs)}`;
          const narrower = `${c}/${t}.${letters}${q([...basePairs, [n, v]])}`;
          if (covers([...others, narrower], request))
            expect(covers([...others, grant], request)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("the grant index and the list semantics agree, and the match is a real grant", () => {
    fc.assert(
      fc.property(fc.array(arbAnyScope, { maxLength: 6 }), arbAnyScope, (granted, request) => {
        const expected = covers(granted, request);
        const index = compileGrants(granted);
        const fromString = grantIndexCovers(index, request);
        const fromParsed = grantIndexCovers(index, parseScope(request));
        expect(fromString).toEqual(fromParsed);
        expect(fromString.covered).toBe(expected);
        if (expected) {
          expect(granted).toContain(fromString.matchedScope);
          expect(
            covers([fromString.matchedScope!], request) ||
              !granted.some((g) => covers([g], request)),
          ).toBe(true);
        } else expect(fromString.matchedScope).toBeNull();
      }),
      { numRuns: 4000 },
    );
  });

  it("the grant index agrees with the list semantics on large sets too", () => {
    fc.assert(
      fc.property(
        fc.array(arbAnyScope, { minLength: 50, maxLength: 400 }),
        fc.array(arbAnyScope, { minLength: 1, maxLength: 20 }),
        (granted, requests) => {
          const index = compileGrants(granted);
          for (const request of requests)
            expect(grantIndexCovers(index, request).covered).toBe(covers(granted, request));
        },
      ),
      { numRuns: 150 },
    );
  });
});
