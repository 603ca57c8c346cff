import { describe, expect, it } from "vitest";
import { clinicalCeiling, invalidScopes, resolveRequestedScopes } from "./scopes";

const registered =
  "openid fhirUser launch/patient patient/Observation.rs?category=laboratory system/Patient.rs";
const reason = (requested: string, ceiling: string | undefined = registered) => {
  const resolved = resolveRequestedScopes(requested, ceiling);
  return "refused" in resolved ? resolved.reason : null;
};

describe("the registered scope as the ceiling", () => {
  it("grants registered scopes as they are, and nothing else", () => {
    expect(resolveRequestedScopes(registered, registered)).toEqual({ scope: registered });
    expect(resolveRequestedScopes("openid system/Patient.rs", registered)).toEqual({
      scope: "openid system/Patient.rs",
    });
    expect(resolveRequestedScopes("patient/Observation.rs", registered)).toEqual({
      refused: "patient/Observation.rs",
      reason: "patient/Observation.rs is not among the scopes registered for this client",
    });
    expect(reason("offline_access")).toMatch(/not among the scopes/);
  });

  it("grants a same-meaning spelling (v1, parameter order) as the registered scope", () => {
    expect(resolveRequestedScopes("system/Patient.read", registered)).toEqual({
      scope: "system/Patient.rs",
    });
    const narrowed = "user/Observation.rs?category=laboratory&status=final";
    expect(
      resolveRequestedScopes("user/Observation.rs?status=final&category=laboratory", narrowed),
    ).toEqual({ scope: narrowed });
    // Narrower is not the same: it must be registered itself.
    expect(reason("system/Patient.r")).toMatch(/not among the scopes/);
    expect(reason("patient/Observation.read?category=laboratory")).toMatch(/SMART v2 only/);
  });

  it("refuses everything when nothing is registered (a suspended app)", () => {
    expect(reason("openid", "")).toMatch(/openid is not among/);
    expect(resolveRequestedScopes("system/Patient.rs", undefined)).toMatchObject({
      refused: "system/Patient.rs",
    });
  });

  it("explains invalid and unsupported scopes with the scope engine's words", () => {
    expect(reason("patient/Observation.sr")).toMatch(
      /^patient\/Observation\.sr is not a valid SMART scope: /,
    );
    expect(reason("launch", "launch")).toMatch(/launch is not supported/);
    expect(reason("online_access", "online_access")).toMatch(/not supported/);
  });

  it("names the clinical part of the ceiling, for the FHIR API's tokens", () => {
    expect(clinicalCeiling(registered)).toBe(
      "patient/Observation.rs?category=laboratory system/Patient.rs",
    );
    expect(clinicalCeiling(undefined)).toBe("");
  });

  it("lists registered scopes the engine rejects", () => {
    expect(invalidScopes("system/Patient.rs launch/patient")).toEqual([]);
    expect(invalidScopes("system/Patient.rs system/Nope.rs")).toEqual([
      expect.stringMatching(/^system\/Nope\.rs \(/),
    ]);
  });
});
