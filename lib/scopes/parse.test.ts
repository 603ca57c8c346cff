import { describe, expect, it } from "vitest";
import { parseScope, parseScopes, splitScopeString } from "./parse";

const codes = (s: string) => parseScope(s).errors.map((e) => e.code);

describe("examples from the SMART App Launch guide (2.0–2.2, Scopes and Launch Context)", () => {
  it.each([
    // [scope, context, type, permissions, version]
    ["patient/*.rs", "patient", "*", "rs", "v2"],
    ["user/*.cruds", "user", "*", "cruds", "v2"],
    ["patient/Observation.rs", "patient", "Observation", "rs", "v2"],
    ["patient/Patient.r", "patient", "Patient", "r", "v2"],
    ["patient/Observation.c", "patient", "Observation", "c", "v2"],
    ["patient/*.cruds", "patient", "*", "cruds", "v2"],
    ["user/Observation.rs", "user", "Observation", "rs", "v2"],
    ["user/Appointment.cruds", "user", "Appointment", "cruds", "v2"],
    ["user/Patient.rs", "user", "Patient", "rs", "v2"],
    ["user/Encounter.cu", "user", "Encounter", "cu", "v2"],
    ["system/Observation.rs", "system", "Observation", "rs", "v2"],
    ["system/*.rs", "system", "*", "rs", "v2"],
    ["system/Encounter.cud", "system", "Encounter", "cud", "v2"],
    ["patient/AllergyIntolerance.cruds", "patient", "AllergyIntolerance", "cruds", "v2"],
    ["patient/Condition.rs", "patient", "Condition", "rs", "v2"],
    ["patient/*.read", "patient", "*", "rs", "v1"],
    ["user/*.*", "user", "*", "cruds", "v1"],
    ["patient/ExplanationOfBenefit.read", "patient", "ExplanationOfBenefit", "rs", "v1"],
  ])("%s", (scope, context, resourceType, permissions, version) => {
    const p = parseScope(scope);
    expect(p).toMatchObject({
      valid: true,
      kind: "clinical",
      context,
      resourceType,
      permissions,
      version,
      errors: [],
    });
  });

  it("narrows by category with a system|code token", () => {
    const scope =
      "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    const p = parseScope(scope);
    expect(p.valid).toBe(true);
    expect(p.query).toEqual({
      category: "http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
    });
    expect(p.normalized).toBe(scope);
  });

  it("narrows conditions to health concerns", () => {
    const p = parseScope(
      "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|health-concern",
    );
    expect(p).toMatchObject({
      valid: true,
      resourceType: "Condition",
      query: {
        category: "http://terminology.hl7.org/CodeSystem/condition-category|health-concern",
      },
    });
  });

  it("accepts the guide's experimental modifier and chaining forms", () => {
    expect(
      parseScope(
        "patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes",
      ).valid,
    ).toBe(true);
    const chained = parseScope("patient/Observation.rs?patient.birthdate=1990");
    expect(chained.valid).toBe(true);
    expect(chained.warnings).toEqual([]);
  });

  it.each([
    "openid",
    "fhirUser",
    "launch",
    "launch/patient",
    "launch/encounter",
    "offline_access",
    "online_access",
  ])("%s is a standard scope", (s) => {
    expect(parseScope(s).valid).toBe(true);
  });

  it("parses the quick-start set `openid fhirUser`", () => {
    expect(parseScopes("openid fhirUser").map((s) => [s.kind, s.valid])).toEqual([
      ["identity", true],
      ["identity", true],
    ]);
  });

  it("normalizes v1 to v2: read = rs, write = cud, * = cruds", () => {
    expect(parseScope("patient/Observation.read").normalized).toBe("patient/Observation.rs");
    expect(parseScope("patient/Observation.write").normalized).toBe("patient/Observation.cud");
    expect(parseScope("patient/Observation.*").normalized).toBe("patient/Observation.cruds");
  });

  it("rejects `.dus` (the guide's own example of an undefined, out-of-order request)", () => {
    expect(codes("patient/Observation.dus")).toEqual(["PERMISSIONS_OUT_OF_ORDER"]);
  });
});

describe("real vendor strings (Epic, Oracle Health/Cerner, others)", () => {
  it.each([
    "user/Patient.read",
    "system/Observation.read",
    "patient/Patient.rs",
    "online_access",
    "patient/Observation.crus",
    "user/Observation.crus",
    "system/Group.read",
    "user/Binary.read",
    "system/Account.read",
    "patient/DocumentReference.write",
    "user/MedicationRequest.cruds",
    "patient/Coverage.read",
    "profile",
  ])("%s is valid", (s) => {
    expect(parseScope(s).valid).toBe(true);
  });

  it("`launch/Patient.read` (a mix-up seen on a vendor forum) is invalid with a fix", () => {
    const p = parseScope("launch/Patient.read");
    expect(p.valid).toBe(false);
    expect(p.errors[0]!.code).toBe("INVALID_CONTEXT");
    expect(p.errors[0]!.message).toContain("patient/Patient.read");
  });
});

describe("lessons: each a separate rule", () => {
  it("resource types are case-sensitive and suggest the right name", () => {
    const p = parseScope("patient/observation.rs");
    expect(p.valid).toBe(false);
    expect(p.errors[0]).toMatchObject({ code: "UNKNOWN_RESOURCE_TYPE" });
    expect(p.errors[0]!.message).toContain("did you mean `Observation`");
  });
  it("suggests the nearest type for a typo", () => {
    expect(parseScope("patient/Observaton.rs").errors[0]!.message).toContain("`Observation`");
    expect(parseScope("patient/Imunization.rs").errors[0]!.message).toContain("`Immunization`");
  });
  it("names the R4 successor of pre-R4 types", () => {
    expect(parseScope("patient/MedicationOrder.read").errors[0]!.message).toContain(
      "`MedicationRequest`",
    );
  });
  it("context is case-sensitive: `Patient/...` is invalid with a hint", () => {
    const p = parseScope("Patient/Observation.rs");
    expect(p).toMatchObject({ valid: false, kind: "clinical" });
    expect(p.errors[0]!.code).toBe("INVALID_CONTEXT");
    expect(p.errors[0]!.message).toContain("`patient/Observation.rs`");
  });
  it("`USER/` and `System/` are invalid too", () => {
    expect(codes("USER/Observation.rs")).toEqual(["INVALID_CONTEXT"]);
    expect(codes("System/Observation.rs")).toEqual(["INVALID_CONTEXT"]);
  });
  it("out-of-order letters: `sr` → PERMISSIONS_OUT_OF_ORDER, did you mean `rs`", () => {
    const p = parseScope("patient/Observation.sr");
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]!.code).toBe("PERMISSIONS_OUT_OF_ORDER");
    expect(p.errors[0]!.message).toContain("`rs`");
  });
  it("duplicate letters: `rrs`", () => {
    expect(codes("patient/Observation.rrs")).toEqual(["DUPLICATE_PERMISSION"]);
  });
  it("unknown letters: `rw`, `rsXYZ`", () => {
    expect(codes("patient/Observation.rw")).toEqual(["UNKNOWN_PERMISSION"]);
    expect(codes("patient/Observation.rsXYZ")).toEqual(["UNKNOWN_PERMISSION"]);
  });
  it("interaction words are not permissions: `.search` suggests `s`", () => {
    expect(codes("patient/Observation.search")).toEqual(["UNKNOWN_PERMISSION"]);
    expect(parseScope("patient/Observation.search").errors[0]!.message).toContain("`s`");
  });
  it("empty permissions: `patient/Observation.`", () => {
    expect(codes("patient/Observation.")).toEqual(["EMPTY_PERMISSIONS"]);
  });
  it("missing permissions: `patient/Observation`", () => {
    expect(codes("patient/Observation")).toEqual(["MISSING_PERMISSIONS"]);
  });
  it("partial matches grant nothing: `.read-only`, `.readwrite`, `.rsXYZ`, `.reads`, `.Read`", () => {
    for (const s of [
      "patient/Observation.read-only",
      "patient/Observation.readwrite",
      "patient/Observation.rsXYZ",
      "patient/Observation.reads",
      "patient/Observation.Read",
    ]) {
      const p = parseScope(s);
      expect(p.valid, s).toBe(false);
      expect(p.permissions, s).toBeNull();
      expect(p.normalized, s).toBeNull();
    }
  });
  it("an invalid scope carries no descriptive fields, so no fragment looks like a grant", () => {
    expect(parseScope("patient/Observation.sr")).toMatchObject({
      context: null,
      resourceType: null,
      permissions: null,
      version: null,
      query: null,
      normalized: null,
      mask: 0,
    });
  });
  it("v1 with a query is invalid (narrowing is v2 only)", () => {
    const p = parseScope("patient/Observation.read?category=laboratory");
    expect(p.errors[0]!.code).toBe("QUERY_REQUIRES_V2");
    expect(p.errors[0]!.message).toContain("patient/Observation.rs?category=laboratory");
  });
  it("reports every independent mistake at once", () => {
    expect(codes("patient/observation.sr")).toEqual([
      "UNKNOWN_RESOURCE_TYPE",
      "PERMISSIONS_OUT_OF_ORDER",
    ]);
  });
  it("an instance id is not a type", () => {
    expect(codes("patient/Observation/123.rs")).toEqual(["UNKNOWN_RESOURCE_TYPE"]);
  });
  it("R4B-only SubscriptionStatus is not an R4 type", () => {
    expect(codes("system/SubscriptionStatus.rs")).toEqual(["UNKNOWN_RESOURCE_TYPE"]);
  });
  it("abstract types are not resource types", () => {
    expect(codes("patient/Resource.rs")).toEqual(["UNKNOWN_RESOURCE_TYPE"]);
    expect(codes("patient/DomainResource.rs")).toEqual(["UNKNOWN_RESOURCE_TYPE"]);
  });
});

describe("odd input never throws", () => {
  it.each([
    "",
    " ",
    "/",
    ".",
    "?",
    "&",
    "=",
    "%",
    "patient/",
    "patient/.rs",
    "/Observation.rs",
    "patient",
    "patient/*",
    "patient/*.",
    "*.*",
    "patient//Observation.rs",
    "patient/Observation.rs?",
    "😀",
    "patient/😀.rs",
    "patient/Observation.rs?x=😀",
    "x".repeat(10_000),
    "patient/Observation.rs?" + "a=b&".repeat(2000),
  ])("%#", (s) => {
    const p = parseScope(s);
    expect(typeof p.valid).toBe("boolean");
    if (!p.valid) expect(p.errors.length).toBeGreaterThan(0);
  });
  it("non-string items are invalid, not exceptions", () => {
    for (const v of [null, undefined, 42, {}, [], Symbol("x")]) {
      expect(parseScope(v as unknown as string)).toMatchObject({
        valid: false,
        errors: [{ code: "INVALID_TYPE" }],
      });
    }
  });
});

describe("scope sets", () => {
  it("a string splits on any run of ASCII whitespace", () => {
    expect(splitScopeString("  openid \t fhirUser\n\rlaunch\f ")).toEqual([
      "openid",
      "fhirUser",
      "launch",
    ]);
    expect(parseScopes("")).toEqual([]);
  });
  it("an array is taken item by item; an item with whitespace is invalid", () => {
    const [a, b] = parseScopes(["openid fhirUser", "launch"]);
    expect(a!.errors[0]!.code).toBe("SCOPE_CONTAINS_WHITESPACE");
    expect(a!.errors[0]!.message).toContain("2 scopes");
    expect(b!.valid).toBe(true);
    expect(parseScopes([" patient/Observation.rs"])[0]!.valid).toBe(false);
    expect(
      parseScopes(["patient/Observation.rs?code=a b"])[0]!.errors.map((e) => e.code),
    ).toContain("SCOPE_CONTAINS_WHITESPACE");
  });
  it("control characters are invalid", () => {
    expect(codes("openid\u0000")).toEqual(["INVALID_CHARACTER"]);
  });
  it("a pasted non-breaking space is flagged, not taken as a separator", () => {
    expect(parseScopes("openid\u00a0fhirUser").map((s) => s.errors.map((e) => e.code))).toEqual([
      ["INVALID_CHARACTER"],
    ]);
    expect(codes("patient/Observation.rs\u200b")).toContain("INVALID_CHARACTER");
  });
});

describe("clinical-looking scopes with no SMART context", () => {
  it.each(["*/*.read", "provider/Patient.read", "member/Coverage.rs"])(
    "%s is an invalid context, not an unknown scope",
    (input) => {
      const scope = parseScope(input);
      expect(scope).toMatchObject({ valid: false, kind: "clinical", normalized: null });
      expect(scope.errors[0]?.code).toBe("INVALID_CONTEXT");
      expect(scope.errors[0]?.message).toMatch(
        /start the scope with `patient\/`, `user\/` or `system\/`/,
      );
    },
  );

  it("keeps non-clinical slash scopes unknown", () => {
    expect(parseScope("smart/orchestrate_launch").errors[0]?.code).toBe("UNKNOWN_SCOPE");
  });
});
