import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type Policy, type PolicyRule } from "../policy";
import { decideScope, describeMatch, diffPolicies, reclassify, samePolicy } from "./policy-rules";

const rule = (id: string, over: Partial<PolicyRule> = {}): PolicyRule => ({
  id,
  description: `Rule ${id}.`,
  outcome: "grant",
  match: { kinds: ["identity"] },
  ...over,
});
const policy = (...rules: PolicyRule[]): Policy => ({ rules, fallback: "one_approver" });

describe("samePolicy", () => {
  it("ignores the order inside list conditions but not the order of rules", () => {
    const a = policy(rule("a", { match: { contexts: ["patient", "user"] } }), rule("b"));
    expect(
      samePolicy(a, policy(rule("a", { match: { contexts: ["user", "patient"] } }), rule("b"))),
    ).toBe(true);
    expect(
      samePolicy(a, policy(rule("b"), rule("a", { match: { contexts: ["patient", "user"] } }))),
    ).toBe(false);
    expect(samePolicy(a, { ...a, fallback: "grant" })).toBe(false);
    expect(
      samePolicy(
        a,
        policy(
          rule("a", { match: { contexts: ["patient", "user"] }, description: "Changed." }),
          rule("b"),
        ),
      ),
    ).toBe(false);
  });
});

describe("decideScope", () => {
  it("names the deciding rule and its position", () => {
    expect(decideScope(DEFAULT_POLICY, " patient/Observation.rs ", "patient")).toMatchObject({
      decision: { outcome: "grant", ruleId: "named-read" },
      ruleIndex: 5,
    });
    expect(decideScope(DEFAULT_POLICY, "system/*.rs")).toMatchObject({
      decision: { outcome: "two_approvers" },
      ruleIndex: 0,
    });
  });

  it("reports the fallback and invalid scopes without a rule", () => {
    expect(decideScope(policy(rule("a")), "patient/Observation.rs")).toMatchObject({
      decision: { outcome: "one_approver", ruleId: null },
      ruleIndex: null,
    });
    const invalid = decideScope(DEFAULT_POLICY, "patient/Observation.sr");
    expect(invalid).toMatchObject({
      decision: { outcome: "forbidden" },
      ruleIndex: null,
      scope: { valid: false },
    });
  });

  it("applies app-type conditions only when the app type is given", () => {
    const p = policy(
      rule("backend", { outcome: "two_approvers", match: { appTypes: ["backend"] } }),
    );
    expect(decideScope(p, "openid", "backend").decision.outcome).toBe("two_approvers");
    expect(decideScope(p, "openid").decision.outcome).toBe("one_approver");
  });
});

describe("diffPolicies", () => {
  const before = policy(rule("a"), rule("b"), rule("c"), rule("d"));

  it("finds added, removed and changed rules, and a new fallback", () => {
    const after: Policy = {
      rules: [
        rule("a", { outcome: "forbidden" }),
        rule("c", { match: { kinds: ["launch"] }, description: "New words." }),
        rule("d"),
        rule("e"),
      ],
      fallback: "two_approvers",
    };
    const diff = diffPolicies(before, after);
    expect(diff.added.map((r) => r.id)).toEqual(["e"]);
    expect(diff.removed.map((r) => r.id)).toEqual(["b"]);
    expect(diff.changed.map((c) => [c.id, c.fields])).toEqual([
      ["a", ["outcome"]],
      ["c", ["description", "conditions"]],
    ]);
    expect(diff.moved).toEqual([]);
    expect(diff.fallback).toEqual({ before: "one_approver", after: "two_approvers" });
    expect(diff.isSame).toBe(false);
  });

  it("reports only the rule that moved, not the ones shifted by it", () => {
    expect(diffPolicies(before, policy(rule("d"), rule("a"), rule("b"), rule("c"))).moved).toEqual([
      "d",
    ]);
    expect(diffPolicies(before, policy(rule("x"), ...before.rules)).moved).toEqual([]);
  });

  it("says when nothing differs", () => {
    expect(diffPolicies(DEFAULT_POLICY, structuredClone(DEFAULT_POLICY)).isSame).toBe(true);
  });
});

it("describes conditions in words", () => {
  expect(describeMatch({ contexts: ["system"], permissionsAny: ["c", "u", "d"] })).toBe(
    "context system · any of c, u, d",
  );
  expect(
    describeMatch({
      kinds: ["clinical"],
      wildcardResource: false,
      narrowed: true,
      appTypes: ["patient"],
    }),
  ).toBe(
    "kind clinical · named resource types only · narrowed by search parameters · app type patient",
  );
  expect(describeMatch({})).toBe("every scope");
});

it("lists the rows a draft classifies differently, with each row's app type", () => {
  const draft = policy(
    rule("patient-apps", {
      outcome: "forbidden",
      match: { appTypes: ["patient"], resourceTypes: ["Claim"] },
    }),
    ...DEFAULT_POLICY.rules,
  );
  const rows = [
    { scope: "patient/Claim.rs", appType: "patient" as const, appName: "A" },
    { scope: "patient/Claim.rs", appType: "provider" as const, appName: "B" },
    { scope: "patient/Observation.rs", appType: "patient" as const, appName: "C" },
  ];
  expect(reclassify(DEFAULT_POLICY, draft, rows)).toEqual([
    {
      scope: "patient/Claim.rs",
      appType: "patient",
      appName: "A",
      before: "grant",
      after: "forbidden",
      beforeRule: "named-read",
      afterRule: "patient-apps",
    },
  ]);
});
