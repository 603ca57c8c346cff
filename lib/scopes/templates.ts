/** The scope templates the portal ships (PRODUCT.md), as data. */
import type { AppType } from "./types";

export type TemplateKey =
  | "patient-health-record"
  | "wellness"
  | "provider-clinical"
  | "payer-to-payer"
  | "prior-authorization"
  | "bulk-export";

export interface ScopeTemplateVariant {
  key: string;
  name: string;
  scopes: readonly string[];
}

export interface ScopeTemplate {
  key: TemplateKey;
  name: string;
  description: string;
  appTypes: readonly AppType[];
  scopes: readonly string[];
  /** Narrower starting points offered alongside the template. */
  variants: readonly ScopeTemplateVariant[];
}

export const SCOPE_TEMPLATES: readonly ScopeTemplate[] = [
  {
    key: "patient-health-record",
    name: "Patient health record app",
    description:
      "A patient-facing app that shows the patient their own record and keeps it in sync.",
    appTypes: ["patient"],
    scopes: [
      "patient/Patient.rs",
      "patient/Observation.rs",
      "patient/Condition.rs",
      "patient/MedicationRequest.rs",
      "patient/Immunization.rs",
      "patient/Encounter.rs",
      "patient/DocumentReference.rs",
      "launch/patient",
      "openid",
      "fhirUser",
      "offline_access",
    ],
    variants: [],
  },
  {
    key: "wellness",
    name: "Wellness / fitness",
    description: "A patient-facing wellness or fitness app that reads the patient's measurements.",
    appTypes: ["patient"],
    scopes: ["patient/Observation.rs"],
    variants: [
      {
        key: "vital-signs",
        name: "Vital signs only",
        scopes: ["patient/Observation.rs?category=vital-signs"],
      },
    ],
  },
  {
    key: "provider-clinical",
    name: "Provider clinical tool",
    description:
      "A clinician-facing tool launched from the EHR that reads the chart and files documents.",
    appTypes: ["provider"],
    scopes: [
      "user/Patient.rs",
      "user/Encounter.rs",
      "user/Condition.rs",
      "user/Observation.rs",
      "user/DocumentReference.c",
      "launch",
      "openid",
      "fhirUser",
    ],
    variants: [],
  },
  {
    key: "payer-to-payer",
    name: "Payer-to-payer exchange (CMS-0057-F)",
    description:
      "A backend service exchanging members' claims and clinical data between health plans.",
    appTypes: ["backend"],
    scopes: [
      "system/Patient.rs",
      "system/Coverage.rs",
      "system/ExplanationOfBenefit.rs",
      "system/Condition.rs",
      "system/MedicationRequest.rs",
      "system/Encounter.rs",
    ],
    variants: [],
  },
  {
    key: "prior-authorization",
    name: "Prior authorization (CMS-0057-F)",
    description: "A backend service that submits and tracks prior authorization requests.",
    appTypes: ["backend"],
    scopes: [
      "system/ClaimResponse.rs",
      "system/Task.rs",
      "system/Task.cu",
      "system/Patient.rs",
      "system/Coverage.rs",
    ],
    variants: [],
  },
  {
    key: "bulk-export",
    name: "Provider access / bulk export",
    description:
      "A backend service that runs FHIR bulk data `$export` for provider access; always needs approval.",
    appTypes: ["backend"],
    scopes: ["system/*.rs"],
    variants: [],
  },
];

export function getTemplate(key: string): ScopeTemplate | undefined {
  return SCOPE_TEMPLATES.find((t) => t.key === key);
}

export function templatesForAppType(appType: AppType): ScopeTemplate[] {
  return SCOPE_TEMPLATES.filter((t) => t.appTypes.includes(appType));
}

/** Every scope a template (or variant) of the app type starts from. */
export function templateScopesForAppType(appType: AppType): string[] {
  return templatesForAppType(appType).flatMap((t) => [
    ...t.scopes,
    ...t.variants.flatMap((v) => v.scopes),
  ]);
}
