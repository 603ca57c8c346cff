import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertReaching } from "../testing/reach";
import {
  arbAnyScope,
  arbContext,
  arbNarrower,
  arbPair,
  arbScopeParts,
  arbSpelling,
  arbType,
  arbValidScope,
  arbWider,
  type ScopeParts,
} from "./arbitraries.test-util";
import { covers } from "./covers";
import { compileGrants, grantIndexCovers } from "./grant-index";
import { parseScope } from "./parse";

const RUNS = { numRuns: 1500 };

/** Sometimes an unrelated scope instead of the derived one, so the chain can also break. */
const orUnrelated = (arb: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: arbValidScope });

/** Three scopes, each (mostly) wider than the next: [a, b, c] with a ⊇ b ⊇ c. */
const arbChain = arbScopeParts.chain((c) =>
  arbWider(c).chain((b) =>
    fc.tuple(
      orUnrelated(arbWider(b).chain(arbSpelling)),
      orUnrelated(arbSpelling(b)),
      arbSpelling(c),
    ),
  ),
);

/** A grant, the same grant with one more narrowing pair, and a request the narrower one covers. */
const arbNarrowing = arbScopeParts.chain((grant) =>
  arbPair
    .filter(([n, v]) => !grant.pairs.some(([a, b]) => a === n && b === v))
    .chain((pair) => {
      const narrower: ScopeParts = { ...grant, pairs: [...grant.pairs, pair] };
      return fc.tuple(
        arbSpelling(grant),
        arbSpelling(narrower),
        orUnrelated(arbNarrower(narrower).chain(arbSpelling)),
        fc.array(arbValidScope, { maxLength: 3 }),
      );
    }),
);

/** A grant and a request it covers (the request is the grant narrowed). */
const arbCoveredPair = arbScopeParts.chain((request) =>
  arbWider(request).chain((grant) => fc.tuple(arbSpelling(grant), arbSpelling(request))),
);

/** Grants and a request: mostly one of the grants narrowed (so covered), else anything. */
const arbGrantsAndRequest = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(fc.array(arbAnyScope, { maxLength: 6 }), arbAnyScope) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.array(arbAnyScope, { maxLength: 5 }), arbCoveredPair, fc.nat())
      .map(([others, [grant, request], at]) => {
        const granted = [...others];
        granted.splice(at % (granted.length + 1), 0, grant);
        return [granted, request] as const;
      }),
  },
);

describe("covers properties", () => {
  it("is reflexive on valid scopes", () => {
    fc.assert(
      fc.property(arbValidScope, (s) => covers([s], s)),
      RUNS,
    );
  });

  it("is transitive", () => {
    assertReaching(
      fc.property(arbChain, ([a, b, c]) => {
        fc.pre(covers([a], b) && covers([b], c));
        expect(covers([a], c)).toBe(true);
      }),
      { numRuns: 2000 },
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
    assertReaching(
      fc.property(arbNarrowing, ([grant, narrower, request, others]) => {
        // Interesting only when the narrowed grant is what covers the request.
        fc.pre(covers([...others, narrower], request) && !covers(others, request));
        expect(covers([...others, grant], request)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("the grant index and the list semantics agree", () => {
    let covered = 0;
    fc.assert(
      fc.property(arbGrantsAndRequest, ([granted, request]) => {
        const expected = covers(granted, request);
        if (expected) covered++;
        const index = compileGrants(granted);
        const fromString = grantIndexCovers(index, request);
        expect(fromString).toEqual(grantIndexCovers(index, parseScope(request)));
        expect(fromString.covered).toBe(expected);
        if (!expected) expect(fromString.matchedScope).toBeNull();
      }),
      { numRuns: 3000 },
    );
    // Both answers are exercised, not just "not covered".
    expect(covered / 3000).toBeGreaterThan(0.3);
    expect(covered / 3000).toBeLessThan(0.8);
  });

  it("a covered request's match is one of the grants, and covers it when any single grant does", () => {
    assertReaching(
      fc.property(arbGrantsAndRequest, ([granted, request]) => {
        fc.pre(covers(granted, request));
        const { matchedScope } = grantIndexCovers(compileGrants(granted), request);
        expect(granted).toContain(matchedScope);
        expect(covers([matchedScope!], request) || !granted.some((g) => covers([g], request))).toBe(
          true,
        );
      }),
      { numRuns: 2000 },
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
