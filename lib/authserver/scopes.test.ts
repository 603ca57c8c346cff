import { describe, expect, it } from "vitest";
import { clinicalCeiling, firstRefusal, invalidScopes } from "./scopes";

const registered =
  "openid fhirUser launch/patient patient/Observation.rs?category=laboratory system/Patient.rs";

describe("the registered scope as the ceiling", () => {
  it("lets through every registered scope and nothing else", () => {
    expect(firstRefusal(registered, registered)).toBeNull();
    expect(
      firstRefusal("openid patient/Observation.rs?category=laboratory", registered),
    ).toBeNull();
    expect(firstRefusal(undefined, registered)).toBeNull();
    expect(firstRefusal("patient/Observation.rs", registered)).toEqual({
      scope: "patient/Observation.rs",
      reason: "patient/Observation.rs is not among the scopes registered for this client",
    });
    expect(firstRefusal("offline_access", registered)?.reason).toMatch(/not among the scopes/);
  });

  it("refuses everything when nothing is registered (a suspended app)", () => {
    expect(firstRefusal("openid", "")?.scope).toBe("openid");
    expect(firstRefusal("system/Patient.rs", undefined)?.scope).toBe("system/Patient.rs");
  });

  it("explains invalid and unsupported scopes with the scope engine's words", () => {
    expect(firstRefusal("patient/Observation.sr", registered)?.reason).toMatch(
      /^patient\/Observation\.sr is not a valid SMART scope: /,
    );
    expect(firstRefusal("launch", "launch")?.reason).toMatch(/launch is not supported/);
    expect(firstRefusal("online_access", "online_access")?.reason).toMatch(/not supported/);
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
