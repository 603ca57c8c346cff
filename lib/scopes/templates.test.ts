import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../policy/default-policy";
import { evaluatePolicy } from "../policy/evaluate";
import { lintScopes } from "./lint";
import { parseScope, parseScopes } from "./parse";
import { applyTemplateDefaults, SCOPE_TEMPLATES, getTemplate, templateProfile } from "./templates";

const outcomes = (key: string) =>
  Object.fromEntries(
    getTemplate(key)!.scopes.map((s) => [s, evaluatePolicy(DEFAULT_POLICY, parseScope(s)).outcome]),
  );

describe("templates", () => {
  it("are exactly the six of PRODUCT.md", () => {
    expect(SCOPE_TEMPLATES.map((t) => t.key)).toEqual([
      "patient-health-record",
      "wellness",
      "provider-clinical",
      "payer-to-payer",
      "prior-authorization",
      "bulk-export",
    ]);
  });
  it("contain only valid scopes, variants included, and no duplicates", () => {
    for (const t of SCOPE_TEMPLATES) {
      for (const s of [...t.scopes, ...t.variants.flatMap((v) => v.scopes)]) {
        const p = parseScope(s);
        expect(p.valid, s).toBe(true);
        expect(p.warnings, s).toEqual([]);
      }
      const findings = lintScopes(parseScopes([...t.scopes]), { appType: t.appTypes[0] });
      expect(
        findings.filter((f) =>
          [
            "duplicate-scope",
            "equivalent-scopes",
            "redundant-scope",
            "not-in-template",
            "write-not-needed",
          ].includes(f.rule),
        ),
        t.key,
      ).toEqual([]);
    }
  });
  it("wellness offers the vital-signs narrowing", () => {
    expect(getTemplate("wellness")!.variants[0]!.scopes).toEqual([
      "patient/Observation.rs?category=vital-signs",
      "launch/patient",
    ]);
  });
  it("patient health record: everything granted at once", () => {
    expect(new Set(Object.values(outcomes("patient-health-record")))).toEqual(new Set(["grant"]));
  });
  it("wellness: granted at once, narrowed or not", () => {
    expect(outcomes("wellness")).toEqual({
      "patient/Observation.rs": "grant",
      "launch/patient": "grant",
    });
    expect(
      evaluatePolicy(DEFAULT_POLICY, parseScope("patient/Observation.rs?category=vital-signs"))
        .outcome,
    ).toBe("grant");
  });
  it("provider clinical tool: reads granted, the document create needs one approver", () => {
    expect(outcomes("provider-clinical")).toEqual({
      "user/Patient.rs": "grant",
      "user/Encounter.rs": "grant",
      "user/Condition.rs": "grant",
      "user/Observation.rs": "grant",
      "user/DocumentReference.c": "one_approver",
      launch: "grant",
      openid: "grant",
      fhirUser: "grant",
    });
  });
  it("payer-to-payer: every scope needs approval", () => {
    expect(new Set(Object.values(outcomes("payer-to-payer")))).toEqual(new Set(["one_approver"]));
  });
  it("prior authorization: reads need one approver, the Task write needs two", () => {
    expect(outcomes("prior-authorization")).toEqual({
      "system/ClaimResponse.rs": "one_approver",
      "system/Task.rs": "one_approver",
      "system/Task.cu": "two_approvers",
      "system/Patient.rs": "one_approver",
      "system/Coverage.rs": "one_approver",
    });
  });
  it("bulk export always needs approval (two admins)", () => {
    expect(outcomes("bulk-export")).toEqual({ "system/*.rs": "two_approvers" });
  });
});

describe("templates on the form's defaults", () => {
  const starts = SCOPE_TEMPLATES.flatMap((t) => [
    { template: t, name: t.key, scopes: t.scopes },
    ...t.variants.map((v) => ({ template: t, name: `${t.key}/${v.key}`, scopes: v.scopes })),
  ]);

  it.each(starts)("$name lints with no warning on the defaults it sets", ({ template, scopes }) => {
    const findings = lintScopes(parseScopes([...scopes]), templateProfile(template));
    const warnings = findings.filter((f) => f.severity !== "info").map((f) => f.rule);
    // A warning a template accepts is the template's point (bulk export reads every type), and it
    // must still fire: an accepted lint that no longer appears is taken off the template.
    expect(warnings).toEqual([...(template.acceptedLints ?? [])]);
  });

  it("the defaults are what lint needs: a public client or no EHR launch would warn", () => {
    const phr = getTemplate("patient-health-record")!;
    const asPublic = { ...templateProfile(phr), clientType: "public" as const };
    expect(lintScopes(parseScopes([...phr.scopes]), asPublic).map((f) => f.rule)).toContain(
      "offline-access-public-client",
    );
    const tool = getTemplate("provider-clinical")!;
    const noEhr = {
      ...templateProfile(tool),
      launchModes: ["standalone" as const],
      launchUrl: null,
    };
    expect(lintScopes(parseScopes([...tool.scopes]), noEhr).map((f) => f.rule)).toEqual(
      expect.arrayContaining(["launch-without-ehr-launch", "launch-without-launch-url"]),
    );
  });

  it("puts the launch URL on the redirect URI's origin, and keeps one the partner wrote", () => {
    const tool = getTemplate("provider-clinical")!;
    const form = {
      clientType: "public" as const,
      launchModes: [],
      redirectUris: "https://tool.example.org/cb",
    };
    expect(applyTemplateDefaults(tool, { ...form, launchUrl: "" }).launchUrl).toBe(
      "https://tool.example.org/launch",
    );
    expect(
      applyTemplateDefaults(tool, { ...form, launchUrl: "https://x.example/l" }).launchUrl,
    ).toBe("https://x.example/l");
    expect(
      applyTemplateDefaults(tool, { ...form, redirectUris: "", launchUrl: "" }).launchUrl,
    ).toBe("");
  });
});
