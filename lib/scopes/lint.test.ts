import { describe, expect, it } from "vitest";
import { lintScopes } from "./lint";
import { parseScopes } from "./parse";
import type { AppProfile } from "./types";

const rules = (scopes: string, app?: AppProfile) =>
  lintScopes(parseScopes(scopes), app).map((f) => f.rule);
const find = (scopes: string, rule: string, app?: AppProfile) =>
  lintScopes(parseScopes(scopes), app).filter((f) => f.rule === rule);

describe("set-level findings", () => {
  it("empty set", () =>
    expect(lintScopes([])).toEqual([
      { rule: "empty-set", severity: "error", message: expect.any(String), scopes: [] },
    ]));
  it("duplicates", () =>
    expect(find("openid openid", "duplicate-scope")[0]!.scopes).toEqual(["openid"]));
  it("v1/v2 equivalents", () => {
    expect(
      find("patient/Observation.read patient/Observation.rs", "equivalent-scopes")[0]!.scopes,
    ).toEqual(["patient/Observation.read", "patient/Observation.rs"]);
  });
  it("a scope made redundant by another", () => {
    const f = find("patient/Observation.rs patient/*.rs", "redundant-scope");
    expect(f).toHaveLength(1);
    expect(f[0]!.scopes).toEqual(["patient/Observation.rs", "patient/*.rs"]);
  });
  it("redundancy by a union keeps the broadest scope", () => {
    expect(
      find(
        "patient/Observation.r patient/Observation.s patient/Observation.rs",
        "redundant-scope",
      ).map((f) => f.scopes[0]),
    ).toEqual(["patient/Observation.r", "patient/Observation.s"]);
  });
  it("a narrowed scope is redundant next to the unnarrowed one", () => {
    expect(
      find(
        "patient/Observation.rs?category=laboratory patient/Observation.rs",
        "redundant-scope",
      )[0]!.scopes[0],
    ).toBe("patient/Observation.rs?category=laboratory");
  });
  it("nothing for a clean set", () =>
    expect(rules("patient/Observation.rs openid fhirUser")).toEqual([]));
});

describe("lints", () => {
  it("wildcard where named types would do", () => {
    expect(find("patient/*.rs", "wildcard-resource")[0]!.message).toContain(
      "patient/Observation.rs",
    );
  });
  it("system for a non-backend app (runs only with app facts)", () => {
    expect(rules("system/Observation.rs")).not.toContain("system-context-not-needed");
    expect(
      find("system/Observation.rs", "system-context-not-needed", { appType: "provider" })[0]!
        .message,
    ).toContain("user/Observation.rs");
    expect(
      find("system/Observation.rs", "system-context-not-needed", { appType: "patient" })[0]!
        .message,
    ).toContain("patient/Observation.rs");
    expect(rules("system/Observation.rs", { clientType: "public" })).toContain(
      "system-context-not-needed",
    );
    expect(rules("system/Observation.rs", { appType: "backend" })).not.toContain(
      "system-context-not-needed",
    );
  });
  it("write the app type does not need", () => {
    expect(rules("patient/Observation.cud", { appType: "patient" })).toContain("write-not-needed");
    expect(rules("user/DocumentReference.c", { appType: "provider" })).not.toContain(
      "write-not-needed",
    );
    expect(
      find("user/DocumentReference.cud", "write-not-needed", { appType: "provider" })[0]!.message,
    ).toContain("`ud`");
    expect(rules("system/Task.cu", { appType: "backend" })).not.toContain("write-not-needed");
  });
  it("offline_access on a public client", () => {
    expect(rules("offline_access", { clientType: "public" })).toContain(
      "offline-access-public-client",
    );
    expect(rules("offline_access", { clientType: "confidential" })).not.toContain(
      "offline-access-public-client",
    );
  });
  it("a scope no template of the app type uses", () => {
    expect(
      find(
        "patient/AllergyIntolerance.rs patient/Observation.rs?category=laboratory",
        "not-in-template",
        { appType: "patient" },
      ).map((f) => f.scopes[0]),
    ).toEqual(["patient/AllergyIntolerance.rs"]);
  });
  it("EHR launch without `launch`, and `launch` without an EHR launch", () => {
    expect(rules("openid", { launchModes: ["ehr"] })).toContain("ehr-launch-without-launch");
    expect(rules("launch", { launchModes: ["standalone"] })).toContain("launch-without-ehr-launch");
    expect(rules("launch", { launchModes: ["ehr"] })).toEqual([]);
  });
  it("standalone patient app without launch/patient", () => {
    expect(
      rules("patient/Observation.rs", { appType: "patient", launchModes: ["standalone"] }),
    ).toContain("standalone-patient-without-launch-patient");
    expect(
      rules("patient/Observation.rs launch/patient", {
        appType: "patient",
        launchModes: ["standalone"],
      }),
    ).not.toContain("standalone-patient-without-launch-patient");
  });
  it("launch with no launch URL", () => {
    expect(rules("launch", { launchUrl: null })).toContain("launch-without-launch-url");
    expect(rules("launch", { launchUrl: "https://app.example.org/launch" })).not.toContain(
      "launch-without-launch-url",
    );
    expect(rules("launch")).not.toContain("launch-without-launch-url");
  });
  it("openid without fhirUser when the app signs users in, and fhirUser without openid", () => {
    expect(rules("openid", { signsUsersIn: true })).toContain("openid-without-fhiruser");
    expect(rules("openid")).not.toContain("openid-without-fhiruser");
    expect(rules("fhirUser")).toContain("fhiruser-without-openid");
  });
  it("both refresh scopes", () =>
    expect(rules("offline_access online_access")).toContain("offline-and-online-access"));
  it("every finding names a rule, a severity and the scopes", () => {
    for (const f of lintScopes(parseScopes("system/*.cruds offline_access fhirUser patient/X.rs"), {
      appType: "patient",
      clientType: "public",
      launchModes: ["ehr", "standalone"],
      launchUrl: null,
      signsUsersIn: true,
    })) {
      expect(["error", "warning", "info"]).toContain(f.severity);
      expect(f.message.length).toBeGreaterThan(20);
    }
  });
});
