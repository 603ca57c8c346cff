import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../policy/default-policy";
import { evaluatePolicy } from "../policy/evaluate";
import { lintScopes } from "./lint";
import { parseScope, parseScopes } from "./parse";
import { SCOPE_TEMPLATES, getTemplate } from "./templates";

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
    ]);
  });
  it("patient health record: everything granted at once", () => {
    expect(new Set(Object.values(outcomes("patient-health-record")))).toEqual(new Set(["grant"]));
  });
  it("wellness: granted at once, narrowed or not", () => {
    expect(outcomes("wellness")).toEqual({ "patient/Observation.rs": "grant" });
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
