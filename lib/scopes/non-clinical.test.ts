import { describe, expect, it } from "vitest";
import { parseScope } from "./parse";

describe("non-clinical scopes", () => {
  it.each([
    ["openid", "identity"],
    ["fhirUser", "identity"],
    ["profile", "identity"],
    ["launch", "launch"],
    ["launch/patient", "launch"],
    ["launch/encounter", "launch"],
    ["offline_access", "refresh"],
    ["online_access", "refresh"],
  ])("%s is %s", (scope, kind) => {
    expect(parseScope(scope)).toMatchObject({
      valid: true,
      kind,
      context: null,
      resourceType: null,
      permissions: null,
      version: null,
      query: null,
      normalized: scope,
      errors: [],
    });
  });

  it.each([
    ["fhiruser", "fhirUser"],
    ["FHIRUser", "fhirUser"],
    ["offline-access", "offline_access"],
    ["offlineaccess", "offline_access"],
    ["Offline_Access", "offline_access"],
    ["online-access", "online_access"],
    ["openId", "openid"],
    ["OpenID", "openid"],
    ["launch-patient", "launch/patient"],
    ["lauch", "launch"],
  ])("%s is UNKNOWN_SCOPE with did-you-mean %s", (typo, fix) => {
    const p = parseScope(typo);
    expect(p).toMatchObject({ valid: false, kind: "unknown", normalized: null });
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]!.code).toBe("UNKNOWN_SCOPE");
    expect(p.errors[0]!.message).toContain(`did you mean \`${fix}\``);
  });

  it("anything else is unknown and invalid", () => {
    for (const s of ["email", "banana", "smart/orchestrate_launch", "patient"]) {
      expect(parseScope(s)).toMatchObject({
        valid: false,
        kind: "unknown",
        errors: [{ code: "UNKNOWN_SCOPE" }],
      });
    }
  });

  it("a clinical scope with no context says to add one", () => {
    expect(parseScope("Observation.rs").errors[0]!.message).toContain("`patient/Observation.rs`");
  });

  it("extension scopes (`__x`, full URIs) are recognised but not granted", () => {
    expect(parseScope("__profilePhoto.manage").errors[0]!.message).toContain("extension scope");
    expect(
      parseScope("https://ehr.example.org/scopes/profilePhoto.manage").errors[0]!.message,
    ).toContain("extension scope");
  });
});

describe("launch context scopes", () => {
  it("are lower-case: `launch/Patient` suggests `launch/patient`", () => {
    const p = parseScope("launch/Patient");
    expect(p.valid).toBe(false);
    expect(p.errors[0]!.code).toBe("LAUNCH_CONTEXT_NOT_LOWERCASE");
    expect(p.errors[0]!.message).toContain("`launch/patient`");
  });

  it("accept other lower-case resource types, with an experimental warning", () => {
    const p = parseScope("launch/imagingstudy");
    expect(p).toMatchObject({ valid: true, kind: "launch", normalized: "launch/imagingstudy" });
    expect(p.warnings.map((w) => w.code)).toEqual(["LAUNCH_CONTEXT_EXPERIMENTAL"]);
  });

  it("accept one ?role= (the guide's medication reconciliation example)", () => {
    const p = parseScope("launch/list?role=https://example.org/med-list-at-home");
    expect(p).toMatchObject({
      valid: true,
      kind: "launch",
      query: { role: "https://example.org/med-list-at-home" },
    });
  });

  it("reject other parameters or two roles", () => {
    expect(parseScope("launch/list?foo=bar").errors[0]!.code).toBe("LAUNCH_ROLE_INVALID");
    expect(parseScope("launch/list?role=a&role=b").errors[0]!.code).toBe("LAUNCH_ROLE_INVALID");
    expect(parseScope("launch/list?role=").errors[0]!.code).toBe("QUERY_EMPTY_VALUE");
  });

  it("reject unknown contexts", () => {
    expect(parseScope("launch/").errors[0]!.code).toBe("UNKNOWN_SCOPE");
    expect(parseScope("launch/pateint").errors[0]!.message).toContain("`launch/patient`");
  });
});
