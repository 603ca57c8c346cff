/** fast-check generators shared by the property tests (test-only). */
import fc from "fast-check";
import { LETTERS } from "./permissions";
import { encodeQueryComponent } from "./query-encoding";

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
