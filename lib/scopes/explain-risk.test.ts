import { describe, expect, it } from "vitest";
import { consentItems } from "./consent";
import { explainScope } from "./explain";
import { parseScope, parseScopes } from "./parse";
import { gradeRisk } from "./risk";

const explain = (s: string) => explainScope(parseScope(s));
const level = (s: string) => gradeRisk(parseScope(s))?.level ?? null;

describe("explainScope", () => {
  it.each([
    [
      "patient/Observation.rs?category=vital-signs",
      "Read and search this patient's observations, limited to category vital-signs",
    ],
    [
      "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
      "Read and search this patient's observations, limited to category laboratory",
    ],
    [
      "system/*.cruds",
      "Backend service: create, read, update, delete and search every resource type for all patients",
    ],
    ["user/Encounter.cu", "Create and update encounters the signed-in user can access"],
    ["patient/*.read", "Read and search every type of this patient's data"],
    ["patient/MedicationRequest.rs", "Read and search this patient's medication requests"],
    [
      "system/ExplanationOfBenefit.rs",
      "Backend service: read and search explanation-of-benefit records for all patients",
    ],
    [
      "patient/Observation.rs?date=ge2020&date=le2021",
      "Read and search this patient's observations, limited to date ge2020 and date le2021",
    ],
  ])("%s", (scope, line) => expect(explain(scope)).toBe(line));
  it("explains non-clinical scopes", () => {
    expect(explain("offline_access")).toContain("even after the user stops using the app");
    expect(explain("launch/patient")).toContain("patient to be selected");
    expect(explain("launch/imagingstudy")).toContain("experimental");
  });
  it("says an invalid scope is not valid", () => {
    expect(explain("patient/Observation.sr")).toBe(
      "Not a valid scope; it grants nothing (PERMISSIONS_OUT_OF_ORDER).",
    );
    expect(explain("banana")).toMatch(/^Not a valid scope/);
  });
});

describe("gradeRisk", () => {
  it.each([
    ["patient/Observation.rs", "low"],
    ["user/Observation.rs", "low"],
    ["openid", "low"],
    ["launch", "low"],
    ["online_access", "low"],
    ["offline_access", "medium"],
    ["patient/*.rs", "medium"],
    ["patient/Observation.cud", "medium"],
    ["user/DocumentReference.c", "medium"],
    ["system/Observation.rs", "high"],
    ["user/*.rs", "high"],
    ["patient/*.cruds", "high"],
    ["user/*.cud", "high"],
    ["system/*.rs", "critical"],
    ["system/Encounter.cud", "critical"],
    ["system/*.*", "critical"],
  ])("%s is %s", (scope, expected) => expect(level(scope)).toBe(expected));
  it("gives short reasons, and null for invalid scopes", () => {
    const risk = gradeRisk(parseScope("system/*.cruds"))!;
    expect(risk.reasons.length).toBeGreaterThan(1);
    for (const r of risk.reasons) expect(r).toMatch(/^[A-Z].{5,100}\.$/);
    expect(gradeRisk(parseScope("nope"))).toBeNull();
  });
  it("notes narrowing without changing the level", () => {
    const risk = gradeRisk(parseScope("patient/Observation.rs?category=vital-signs"))!;
    expect(risk.level).toBe("low");
    expect(risk.reasons).toContain("Narrowed to category vital-signs.");
  });
});

describe("consentItems", () => {
  const set = parseScopes(
    "patient/Patient.rs patient/Observation.rs?category=laboratory&category=vital-signs patient/Condition.cu openid fhirUser offline_access launch/patient bogus",
  );
  it("groups plain lines for a patient", () => {
    expect(consentItems(set, "patient")).toEqual([
      {
        id: "read",
        heading: "What the app can see",
        items: [
          "See your basic details (name, date of birth, contact details)",
          "See your lab results and vital signs",
        ],
      },
      {
        id: "write",
        heading: "What the app can change",
        items: ["Add to and change your health problems and diagnoses"],
      },
      { id: "identity", heading: "Who you are", items: ["Know who you are when you sign in"] },
      {
        id: "access",
        heading: "How long access lasts",
        items: ["Keep access when you're not using the app"],
      },
      {
        id: "launch",
        heading: "Starting the app",
        items: ["Ask you which patient record to share"],
      },
    ]);
  });
  it("describes wildcards as all records, now and later", () => {
    expect(consentItems(parseScopes("patient/*.rs"), "patient")[0]!.items).toEqual([
      "See all of your health records (including kinds added later)",
    ]);
  });
  it("speaks to a clinician about the patients they can reach", () => {
    const groups = consentItems(parseScopes("user/Observation.rs system/*.rs launch"), "clinician");
    expect(groups[0]!.items).toEqual([
      "See lab results, vital signs and other measurements for patients you can access",
      "See all health records for all patients (including kinds added later), with no one signed in",
    ]);
    expect(groups[1]!.items).toEqual(["Know which patient and visit you have open in the EHR"]);
  });
});
