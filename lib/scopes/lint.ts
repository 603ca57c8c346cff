/**
 * Lints on a scope set, shown to the partner before submitting and to the
 * approver. A lint that needs a fact about the app runs only when it is given.
 */
import { compileGrants, grantIndexCovers } from "./grant-index";
import { setFindings } from "./set-findings";
import { quote } from "./suggest";
import { SCOPE_TEMPLATES, templateScopesForAppType } from "./templates";
import { LETTERS } from "./permissions";
import { permissionVerbs } from "./resource-names";
import { parseScope } from "./parse";
import { PERM_WRITE, type AppProfile, type AppType, type Finding, type ParsedScope } from "./types";

export const LINT_RULES = [
  "empty-set",
  "duplicate-scope",
  "equivalent-scopes",
  "redundant-scope",
  "wildcard-resource",
  "system-context-not-needed",
  "write-not-needed",
  "offline-access-public-client",
  "not-in-template",
  "ehr-launch-without-launch",
  "launch-without-ehr-launch",
  "standalone-patient-without-launch-patient",
  "launch-without-launch-url",
  "openid-without-fhiruser",
  "fhiruser-without-openid",
  "offline-and-online-access",
] as const;
export type LintRule = (typeof LINT_RULES)[number];

const APP_NOUN: Readonly<Record<AppType, string>> = {
  patient: "patient-facing app",
  provider: "provider-facing app",
  backend: "backend service",
};

/** Write letters the templates of each app type use, per resource type. */
function templateWrites(appType: AppType): Map<string, number> {
  const writes = new Map<string, number>();
  for (const s of templateScopesForAppType(appType).map(parseScope)) {
    if (s.valid && s.mask & PERM_WRITE)
      writes.set(s.resourceType!, (writes.get(s.resourceType!) ?? 0) | (s.mask & PERM_WRITE));
  }
  return writes;
}

export function lintScopes(scopes: readonly ParsedScope[], app: AppProfile = {}): Finding[] {
  const findings = setFindings(scopes);
  const valid = scopes.filter((s) => s.valid);
  const clinical = valid.filter((s) => s.kind === "clinical");
  const has = (name: string) => valid.some((s) => s.input === name);
  const add = (rule: LintRule, severity: Finding["severity"], message: string, inputs: string[]) =>
    findings.push({ rule, severity, message, scopes: inputs });

  for (const s of clinical.filter((c) => c.resourceType === "*")) {
    add(
      "wildcard-resource",
      "warning",
      `${quote(s.input)} grants every resource type, including ones added later: list the named types the app needs (e.g. ${quote(`${s.context}/Observation.${s.permissions}`)}).`,
      [s.input],
    );
  }
  const notBackend =
    (app.appType !== undefined && app.appType !== "backend") || app.clientType === "public";
  if (notBackend) {
    const who = app.appType ? `a ${APP_NOUN[app.appType]}` : "a public client";
    for (const s of clinical.filter((c) => c.context === "system")) {
      const swap = app.appType === "patient" ? "patient" : "user";
      add(
        "system-context-not-needed",
        "warning",
        `${quote(s.input)} is backend-only access, but this is ${who}: use ${quote(`${swap}/${s.resourceType}.${s.permissions}`)} instead.`,
        [s.input],
      );
    }
  }
  if (app.appType) {
    const allowed = templateWrites(app.appType);
    for (const s of clinical.filter((c) => c.mask & PERM_WRITE)) {
      const extra = s.mask & PERM_WRITE & ~(allowed.get(s.resourceType!) ?? 0);
      if (extra)
        add(
          "write-not-needed",
          "warning",
          `${quote(s.input)} can ${permissionVerbs(extra)} (\`${LETTERS[extra]}\`) data, which no ${APP_NOUN[app.appType]} template needs: drop those letters unless the app really writes ${s.resourceType === "*" ? "data" : s.resourceType}.`,
          [s.input],
        );
    }
    const index = compileGrants(templateScopesForAppType(app.appType));
    const names = SCOPE_TEMPLATES.filter((t) => t.appTypes.includes(app.appType!))
      .map((t) => t.name)
      .join(", ");
    for (const s of valid) {
      if (!grantIndexCovers(index, s).covered)
        add(
          "not-in-template",
          "info",
          `No ${APP_NOUN[app.appType]} template (${names}) uses ${quote(s.input)}: make sure the app needs it.`,
          [s.input],
        );
    }
  }
  if (app.clientType === "public" && has("offline_access")) {
    add(
      "offline-access-public-client",
      "warning",
      "`offline_access` on a public client puts a long-lived refresh token on the user's device: use `online_access`, or a confidential client.",
      ["offline_access"],
    );
  }
  if (has("offline_access") && has("online_access")) {
    add(
      "offline-and-online-access",
      "info",
      "Both `offline_access` and `online_access` are requested: keep only the one the app needs.",
      ["offline_access", "online_access"],
    );
  }
  lintLaunch(app, add, has);
  if (has("fhirUser") && !has("openid")) {
    add(
      "fhiruser-without-openid",
      "warning",
      "`fhirUser` only takes effect with `openid`: add `openid`, or remove `fhirUser`.",
      ["fhirUser"],
    );
  }
  if (app.signsUsersIn === true && has("openid") && !has("fhirUser")) {
    add(
      "openid-without-fhiruser",
      "warning",
      "The app signs users in with `openid` but does not ask for `fhirUser`, so it cannot tell which FHIR user signed in: add `fhirUser`.",
      ["openid"],
    );
  }
  return findings;
}

type Add = (
  rule: LintRule,
  severity: Finding["severity"],
  message: string,
  inputs: string[],
) => void;

function lintLaunch(app: AppProfile, add: Add, has: (name: string) => boolean): void {
  const modes = app.launchModes;
  if (modes) {
    if (modes.includes("ehr") && !has("launch")) {
      add(
        "ehr-launch-without-launch",
        "warning",
        "The app is launched from the EHR but does not request `launch`, so it cannot receive the EHR's launch context: add `launch`.",
        [],
      );
    }
    if (!modes.includes("ehr") && has("launch")) {
      add(
        "launch-without-ehr-launch",
        "warning",
        "`launch` is only used in an EHR launch, but the app declares no EHR launch: remove it, or declare the EHR launch mode.",
        ["launch"],
      );
    }
    if (app.appType === "patient" && modes.includes("standalone") && !has("launch/patient")) {
      add(
        "standalone-patient-without-launch-patient",
        "warning",
        "A standalone patient app needs `launch/patient` to have the patient selected at launch: add it.",
        [],
      );
    }
  }
  if (app.launchUrl !== undefined && !app.launchUrl?.trim() && has("launch")) {
    add(
      "launch-without-launch-url",
      "warning",
      "`launch` is requested but the app has no launch URL for the EHR to open: add the launch URL, or remove `launch`.",
      ["launch"],
    );
  }
}
