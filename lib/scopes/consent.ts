/** Consent-screen preview: what a patient or clinician would read before authorising the app. */
import { displayValue, joinWords, resourcePlural } from "./resource-names";
import { PERM_C, PERM_D, PERM_R, PERM_S, PERM_U, type ParsedScope } from "./types";

export type ConsentAudience = "patient" | "clinician";
export type ConsentGroupId = "read" | "write" | "identity" | "access" | "launch";

export interface ConsentGroup {
  id: ConsentGroupId;
  heading: string;
  items: string[];
}

const NOUNS: Readonly<Record<string, string>> = {
  Patient: "basic details (name, date of birth, contact details)",
  Observation: "lab results, vital signs and other measurements",
  Condition: "health problems and diagnoses",
  MedicationRequest: "medications",
  MedicationStatement: "medications",
  MedicationDispense: "medications",
  MedicationAdministration: "medications",
  Immunization: "immunizations",
  AllergyIntolerance: "allergies",
  Encounter: "visits and hospital stays",
  DocumentReference: "clinical notes and documents",
  DiagnosticReport: "test reports",
  Procedure: "procedures",
  CarePlan: "care plans",
  Goal: "health goals",
  Coverage: "insurance coverage",
  ExplanationOfBenefit: "insurance claims and payments",
  Claim: "insurance claims",
  ClaimResponse: "insurance claim decisions",
  Appointment: "appointments",
};

const OBSERVATION_CATEGORIES: Readonly<Record<string, string>> = {
  laboratory: "lab results",
  "vital-signs": "vital signs",
  "social-history": "social history",
  imaging: "imaging results",
  survey: "questionnaire answers",
  exam: "exam findings",
  activity: "activity data",
};

function noun(scope: ParsedScope): string {
  const type = scope.resourceType!;
  if (type === "*") return "health records";
  const categories = scope.query?.category;
  if (type === "Observation" && categories !== undefined) {
    const values = (typeof categories === "string" ? [categories] : categories).map(displayValue);
    return joinWords(
      values.map((v) =>
        Object.hasOwn(OBSERVATION_CATEGORIES, v) ? OBSERVATION_CATEGORIES[v]! : `${v} measurements`,
      ),
    );
  }
  return Object.hasOwn(NOUNS, type) ? NOUNS[type]! : resourcePlural(type);
}

function whose(scope: ParsedScope, audience: ConsentAudience, thing: string): string {
  const all = scope.resourceType === "*";
  const later = all ? " (including kinds added later)" : "";
  if (scope.context === "system")
    return `${all ? "all " : ""}${thing} for all patients${later}, with no one signed in`;
  if (audience === "patient") {
    return scope.context === "patient"
      ? `${all ? "all of " : ""}your ${thing}${later}`
      : `${all ? "all " : ""}${thing} you have access to${later}`;
  }
  return scope.context === "patient"
    ? `${all ? "all of " : ""}the selected patient's ${thing}${later}`
    : `${all ? "all " : ""}${thing} for patients you can access${later}`;
}

function writeVerb(mask: number, audience: ConsentAudience): string {
  const verbs: string[] = [];
  if (mask & PERM_C) verbs.push(audience === "patient" ? "add to" : "create");
  if (mask & PERM_U) verbs.push("change");
  if (mask & PERM_D) verbs.push("delete");
  const text = joinWords(verbs);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function nonClinicalLine(
  scope: ParsedScope,
  audience: ConsentAudience,
): [ConsentGroupId, string] | null {
  const patient = audience === "patient";
  switch (scope.input) {
    case "openid":
    case "fhirUser":
    case "profile":
      return [
        "identity",
        patient ? "Know who you are when you sign in" : "Know who you are (your user account)",
      ];
    case "offline_access":
      return ["access", "Keep access when you're not using the app"];
    case "online_access":
      return ["access", "Keep access only while you're using the app"];
    case "launch":
      return [
        "launch",
        patient
          ? "Know which record you had open when you started the app"
          : "Know which patient and visit you have open in the EHR",
      ];
    case "launch/patient":
      return [
        "launch",
        patient
          ? "Ask you which patient record to share"
          : "Ask you to choose a patient when the app opens",
      ];
    case "launch/encounter":
      return [
        "launch",
        patient ? "Know which visit you choose" : "Ask you to choose a visit when the app opens",
      ];
    default:
      return scope.kind === "launch"
        ? ["launch", "Receive extra launch details from the EHR"]
        : null;
  }
}

const HEADINGS: Readonly<Record<ConsentAudience, Record<ConsentGroupId, string>>> = {
  patient: {
    read: "What the app can see",
    write: "What the app can change",
    identity: "Who you are",
    access: "How long access lasts",
    launch: "Starting the app",
  },
  clinician: {
    read: "Data the app can read",
    write: "Data the app can change",
    identity: "Your identity",
    access: "How long access lasts",
    launch: "Launch context",
  },
};

/** Plain-language lines grouped for a consent screen; invalid scopes are left out. */
export function consentItems(
  scopes: readonly ParsedScope[],
  audience: ConsentAudience,
): ConsentGroup[] {
  const lines = new Map<ConsentGroupId, string[]>();
  const add = (id: ConsentGroupId, line: string) => {
    const list = lines.get(id) ?? [];
    if (!list.includes(line)) list.push(line);
    lines.set(id, list);
  };
  for (const scope of scopes) {
    if (!scope.valid) continue;
    if (scope.kind !== "clinical") {
      const line = nonClinicalLine(scope, audience);
      if (line) add(line[0], line[1]);
      continue;
    }
    const thing = noun(scope);
    if (scope.mask & (PERM_R | PERM_S)) add("read", `See ${whose(scope, audience, thing)}`);
    if (scope.mask & (PERM_C | PERM_U | PERM_D))
      add("write", `${writeVerb(scope.mask, audience)} ${whose(scope, audience, thing)}`);
  }
  const order: ConsentGroupId[] = ["read", "write", "identity", "access", "launch"];
  return order
    .filter((id) => lines.has(id))
    .map((id) => ({ id, heading: HEADINGS[audience][id], items: lines.get(id)! }));
}
