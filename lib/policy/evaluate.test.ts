import { describe, expect, it } from "vitest";
import { parseScope } from "../scopes/parse";
import { DEFAULT_POLICY } from "./default-policy";
import { evaluatePolicy, requiresApproval } from "./evaluate";
import type { Policy } from "./types";

const decide = (scope: string, appType?: "patient" | "provider" | "backend") =>
  evaluatePolicy(DEFAULT_POLICY, parseScope(scope), appType);

describe("DEFAULT_POLICY, rule by rule", () => {
  it.each([
    ["system/*.rs", "system-wildcard", "two_approvers", 2],
    ["system/*.cruds", "system-wildcard", "two_approvers", 2],
    ["system/*.*", "system-wildcard", "two_approvers", 2],
    ["system/Encounter.cud", "system-write", "two_approvers", 2],
    ["system/Task.cu", "system-write", "two_approvers", 2],
    ["system/Observation.write", "system-write", "two_approvers", 2],
    ["user/DocumentReference.c", "write", "one_approver", 1],
    ["patient/Observation.write", "write", "one_approver", 1],
    ["patient/*.cud", "write", "one_approver", 1],
    ["system/Observation.rs", "system-read", "one_approver", 1],
    ["system/Observation.read", "system-read", "one_approver", 1],
    ["patient/*.rs", "wildcard", "one_approver", 1],
    ["user/*.read", "wildcard", "one_approver", 1],
    ["patient/Observation.rs", "named-read", "grant", 0],
    ["user/Patient.read", "named-read", "grant", 0],
    ["patient/Observation.rs?category=vital-signs", "named-read", "grant", 0],
    ["openid", "non-clinical", "grant", 0],
    ["launch/patient", "non-clinical", "grant", 0],
    ["offline_access", "non-clinical", "grant", 0],
  ])("%s → %s (%s)", (scope, ruleId, outcome, approvers) => {
    expect(decide(scope)).toMatchObject({ ruleId, outcome, approvers });
    expect(decide(scope).reason.length).toBeGreaterThan(10);
  });

  it("invalid or unknown scopes are forbidden", () => {
    for (const s of ["patient/Observation.sr", "banana", "", "Patient/Observation.rs"]) {
      expect(decide(s)).toEqual({
        outcome: "forbidden",
        ruleId: null,
        reason: expect.any(String),
        approvers: 0,
      });
      expect(requiresApproval(DEFAULT_POLICY, parseScope(s))).toBeNull();
    }
  });
});

describe("evaluatePolicy mechanics", () => {
  const policy: Policy = {
    rules: [
      {
        id: "no-binary",
        description: "Binary is never exposed.",
        outcome: "forbidden",
        match: { resourceTypes: ["Binary"] },
      },
      {
        id: "narrowed-lab",
        description: "Narrowed reads are fine.",
        outcome: "grant",
        match: { narrowed: true },
      },
      {
        id: "backend-apps",
        description: "Backend apps need review.",
        outcome: "two_approvers",
        match: { appTypes: ["backend"] },
      },
      {
        id: "reads",
        description: "Reads are fine.",
        outcome: "grant",
        match: { permissionsAny: ["r"] },
      },
    ],
    fallback: "forbidden",
  };
  it("first match wins", () => {
    expect(evaluatePolicy(policy, parseScope("patient/Binary.rs?_id=1")).ruleId).toBe("no-binary");
    expect(evaluatePolicy(policy, parseScope("patient/Observation.rs?category=x")).ruleId).toBe(
      "narrowed-lab",
    );
  });
  it("an appTypes condition needs a known app type", () => {
    expect(evaluatePolicy(policy, parseScope("patient/Observation.rs"), "backend").ruleId).toBe(
      "backend-apps",
    );
    expect(evaluatePolicy(policy, parseScope("patient/Observation.rs")).ruleId).toBe("reads");
  });
  it("falls back when nothing matches", () => {
    expect(evaluatePolicy(policy, parseScope("patient/Observation.c"))).toMatchObject({
      outcome: "forbidden",
      ruleId: null,
      approvers: 0,
    });
    expect(
      evaluatePolicy({ rules: [], fallback: "one_approver" }, parseScope("openid")),
    ).toMatchObject({ outcome: "one_approver", ruleId: null, approvers: 1 });
  });
  it("clinical conditions never match non-clinical scopes", () => {
    const p: Policy = {
      rules: [
        {
          id: "named",
          description: "Named types.",
          outcome: "grant",
          match: { wildcardResource: false },
        },
      ],
      fallback: "forbidden",
    };
    expect(evaluatePolicy(p, parseScope("openid")).outcome).toBe("forbidden");
    expect(evaluatePolicy(p, parseScope("patient/Observation.rs")).outcome).toBe("grant");
  });
});
