/** The scope templates the portal ships (PRODUCT.md), as data. */
import type { LintRule } from "./lint";
import type { AppProfile, AppType, ClientType, LaunchMode } from "./types";

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
  /** What the registration form sets when the template is chosen, so its scopes lint clean. */
  formDefaults: TemplateFormDefaults;
  /** Warnings the template carries by design (reviewers still see them on every app). */
  acceptedLints?: readonly LintRule[];
}

export interface TemplateFormDefaults {
  clientType: ClientType;
  launchModes: readonly LaunchMode[];
  /** The path of the launch URL on the app's own origin (EHR-launched apps). */
  launchPath?: string;
}

const BACKEND: TemplateFormDefaults = { clientType: "backend", launchModes: [] };

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
    // It keeps the record in sync with a refresh token: a server that can keep it safe.
    formDefaults: { clientType: "confidential", launchModes: ["standalone"] },
  },
  {
    key: "wellness",
    name: "Wellness / fitness",
    description: "A patient-facing wellness or fitness app that reads the patient's measurements.",
    appTypes: ["patient"],
    scopes: ["patient/Observation.rs", "launch/patient"],
    variants: [
      {
        key: "vital-signs",
        name: "Vital signs only",
        scopes: ["patient/Observation.rs?category=vital-signs", "launch/patient"],
      },
    ],
    formDefaults: { clientType: "public", launchModes: ["standalone"] },
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
    formDefaults: { clientType: "confidential", launchModes: ["ehr"], launchPath: "/launch" },
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
    formDefaults: BACKEND,
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
    formDefaults: BACKEND,
  },
  {
    key: "bulk-export",
    name: "Provider access / bulk export",
    description:
      "A backend service that runs FHIR bulk data `$export` for provider access; always needs approval.",
    appTypes: ["backend"],
    scopes: ["system/*.rs"],
    variants: [],
    formDefaults: BACKEND,
    // $export of every type is what the template is for; two admins approve it.
    acceptedLints: ["wildcard-resource"],
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

/**
 * The app profile the registration form has after choosing `template`: its client type and
 * launch modes, and for EHR-launched apps a launch URL on the origin of the first redirect URI
 * (kept when the partner already wrote one).
 */
export function applyTemplateDefaults(
  template: ScopeTemplate,
  form: {
    clientType: ClientType;
    launchModes: readonly LaunchMode[];
    launchUrl: string;
    redirectUris: string;
  },
): { clientType: ClientType; launchModes: LaunchMode[]; launchUrl: string } {
  const { clientType, launchModes, launchPath } = template.formDefaults;
  let launchUrl = form.launchUrl;
  if (launchPath && !launchUrl.trim()) {
    const first = form.redirectUris.split(/\s+/).find(Boolean);
    try {
      launchUrl = first ? new URL(launchPath, new URL(first).origin).toString() : "";
    } catch {
      launchUrl = "";
    }
  }
  return { clientType, launchModes: [...launchModes], launchUrl };
}

/** What lint sees of an app registered from the template with its form defaults. */
export function templateProfile(
  template: ScopeTemplate,
  redirectUris = "https://app.example.com/callback",
): AppProfile {
  const appType = template.appTypes[0]!;
  const applied = applyTemplateDefaults(template, {
    clientType: "public",
    launchModes: [],
    launchUrl: "",
    redirectUris: appType === "backend" ? "" : redirectUris,
  });
  return {
    appType,
    clientType: applied.clientType,
    launchModes: applied.launchModes,
    launchUrl: applied.launchUrl || null,
    signsUsersIn: appType !== "backend",
  };
}
