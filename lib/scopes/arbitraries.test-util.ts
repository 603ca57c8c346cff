/** fast-check generators shared by the property tests (test-only). */
import fc from "fast-check";
import { LETTERS } from "./permissions";
import { encodeQueryComponent } from "./query-encoding";
import { PERM_ALL, PERM_R, PERM_S, PERM_WRITE } from "./types";

export const arbContext = fc.constantFrom("patient", "user", "system");
/** A small type domain so random grants and requests often overlap. */
export const arbType = fc.constantFrom("Observation", "Patient", "Condition", "*");
export const arbV2Letters = fc.integer({ min: 1, max: 31 }).map((m) => LETTERS[m]!);
export const arbV1 = fc.constantFrom("read", "write", "*");

const arbName = fc.constantFrom("category", "code", "date", "_tag", "status");
const arbValue = fc.constantFrom(
  "laboratory",
  "vital-signs",
  "http://loinc.org|1234-5",
  "ge2020",
  "a b",
  "50%",
  "x&y=z",
  "é",
  "+1",
  "a,b",
  "😀",
);
export const arbPair = fc.tuple(arbName, arbValue);

/** A pair written either minimally or fully percent-encoded (both mean the same). */
const arbEncodedPair = fc
  .tuple(arbPair, fc.boolean())
  .map(([[n, v], full]) =>
    full
      ? `${encodeURIComponent(n)}=${encodeURIComponent(v)}`
      : `${encodeQueryComponent(n)}=${encodeQueryComponent(v)}`,
  );

export const arbQuery = fc
  .array(arbEncodedPair, { minLength: 1, maxLength: 3 })
  .map((pairs) => `?${pairs.join("&")}`);

export const arbV2Scope = fc
  .tuple(arbContext, arbType, arbV2Letters, fc.option(arbQuery, { nil: "" }))
  .map(([c, t, p, q]) => `${c}/${t}.${p}${q}`);
export const arbV1Scope = fc.tuple(arbContext, arbType, arbV1).map(([c, t, p]) => `${c}/${t}.${p}`);
export const arbNonClinical = fc.constantFrom(
  "openid",
  "fhirUser",
  "profile",
  "launch",
  "launch/patient",
  "launch/encounter",
  "offline_access",
  "online_access",
);

export const arbValidScope = fc.oneof(
  { weight: 5, arbitrary: arbV2Scope },
  { weight: 2, arbitrary: arbV1Scope },
  { weight: 1, arbitrary: arbNonClinical },
);

/** A valid scope with one small edit: the inputs that most often trip parsers. */
export const arbNearMiss = fc
  .tuple(
    arbValidScope,
    fc.nat(),
    fc.constantFrom("delete", "insert", "replace", "swap", "upper", "double"),
    fc.constantFrom(".", "/", "?", "&", "=", "%", "*", "r", "x", " ", "P", "|", "%2", "é"),
  )
  .map(([s, at, edit, ch]) => {
    const i = s.length === 0 ? 0 : at % s.length;
    switch (edit) {
      case "delete":
        return s.slice(0, i) + s.slice(i + 1);
      case "insert":
        return s.slice(0, i) + ch + s.slice(i);
      case "replace":
        return s.slice(0, i) + ch + s.slice(i + 1);
      case "swap":
        return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
      case "upper":
        return s.slice(0, i) + s.slice(i, i + 1).toUpperCase() + s.slice(i + 1);
      default:
        return s.slice(0, i) + s.slice(i, i + 1).repeat(2) + s.slice(i + 1);
    }
  });

/** Grants/requests mixing valid scopes with near misses. */
export const arbAnyScope = fc.oneof(
  { weight: 4, arbitrary: arbValidScope },
  { weight: 1, arbitrary: arbNearMiss },
);

// ---- Derived scopes: wider and narrower ones, so coverage properties reach their assertions.

/** A clinical scope as its parts: tests derive wider and narrower scopes from it. */
export type ScopeParts = {
  context: string;
  type: string;
  mask: number;
  pairs: (readonly [string, string])[];
};

const arbPairs = (maxLength: number) =>
  fc.uniqueArray(arbPair, { maxLength, selector: ([n, v]) => `${n}=${v}` });

export const arbScopeParts: fc.Arbitrary<ScopeParts> = fc.record({
  context: arbContext,
  type: arbType,
  mask: fc.integer({ min: 1, max: PERM_ALL }),
  pairs: arbPairs(2),
});

const V1_NAMES = new Map([
  [PERM_R | PERM_S, "read"],
  [PERM_WRITE, "write"],
  [PERM_ALL, "*"],
]);

/**
 * The parts in one of their valid spellings: v1 names where they exist and nothing narrows,
 * minimal or full percent-encoding per pair, pairs in any order.
 */
export const arbSpelling = (p: ScopeParts): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.boolean(),
      fc.array(fc.boolean(), { minLength: p.pairs.length, maxLength: p.pairs.length }),
      fc.shuffledSubarray(p.pairs, { minLength: p.pairs.length }),
    )
    .map(([useV1, fullEncoding, order]) => {
      const v1 = V1_NAMES.get(p.mask);
      if (useV1 && v1 && p.pairs.length === 0) return `${p.context}/${p.type}.${v1}`;
      const pairs = order.map(([n, v], i) =>
        fullEncoding[i]
          ? `${encodeURIComponent(n)}=${encodeURIComponent(v)}`
          : `${encodeQueryComponent(n)}=${encodeQueryComponent(v)}`,
      );
      return `${p.context}/${p.type}.${LETTERS[p.mask]}${pairs.length ? `?${pairs.join("&")}` : ""}`;
    });

/** A scope that covers `p`: same context, more letters, a wildcard type, fewer narrowing pairs. */
export const arbWider = (p: ScopeParts): fc.Arbitrary<ScopeParts> =>
  fc
    .tuple(fc.integer({ min: 0, max: PERM_ALL }), fc.boolean(), fc.subarray(p.pairs))
    .map(([more, toWildcard, pairs]) => ({
      context: p.context,
      type: toWildcard ? "*" : p.type,
      mask: p.mask | more,
      pairs,
    }));

/** A scope that `p` covers: fewer letters, a named type under a wildcard, more narrowing pairs. */
export const arbNarrower = (p: ScopeParts): fc.Arbitrary<ScopeParts> =>
  fc
    .tuple(
      fc.integer({ min: 1, max: PERM_ALL }),
      p.type === "*" ? arbType : fc.constant(p.type),
      arbPairs(2),
    )
    .map(([keep, type, extra]) => ({
      context: p.context,
      type,
      mask: p.mask & keep || p.mask,
      pairs: [
        ...p.pairs,
        ...extra.filter(([n, v]) => !p.pairs.some(([a, b]) => a === n && b === v)),
      ],
    }));
