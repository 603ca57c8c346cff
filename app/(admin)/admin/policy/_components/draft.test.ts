import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, ZPolicy } from "@/lib/policy";
import { editorErrorsOf, fromDraft, moveRule, newDraftRule, toDraft } from "./draft";

describe("the editor's draft", () => {
  it("round-trips every policy document unchanged", () => {
    expect(fromDraft(toDraft(DEFAULT_POLICY))).toEqual(DEFAULT_POLICY);
  });

  it("leaves out conditions with nothing chosen, keeps checkbox order canonical and reads typed resource types", () => {
    const draft = toDraft({ rules: [], fallback: "grant" });
    const rule = {
      ...newDraftRule(draft.rules),
      description: "Claims",
      permissionsAny: ["s", "c"] as ("s" | "c")[],
      narrowed: "no" as const,
      resourceTypes: " Claim,ClaimResponse  Coverage, ",
    };
    expect(fromDraft({ ...draft, rules: [rule] }).rules[0]).toEqual({
      id: "rule-1",
      description: "Claims",
      outcome: "one_approver",
      match: {
        permissionsAny: ["c", "s"],
        resourceTypes: ["Claim", "ClaimResponse", "Coverage"],
        narrowed: false,
      },
    });
    expect(ZPolicy.safeParse(fromDraft({ ...draft, rules: [rule] })).success).toBe(true);
  });

  it("gives new rules unused ids and moves rules within bounds", () => {
    const rules = toDraft(DEFAULT_POLICY).rules;
    expect(newDraftRule([...rules, { ...rules[0]!, id: "rule-8" }]).id).toBe("rule-9");
    expect(
      moveRule(rules, 1, -1)
        .map((r) => r.id)
        .slice(0, 2),
    ).toEqual(["system-write", "system-wildcard"]);
    expect(moveRule(rules, 0, -1).map((r) => r.id)).toEqual(rules.map((r) => r.id));
  });
});

describe("editorErrorsOf", () => {
  it("attaches errors to the rules that were submitted at those positions", () => {
    const errors = editorErrorsOf(
      {
        "rules.0.description": ["Each rule needs a description."],
        "rules.1.match.resourceTypes.0": ['"observation" is not a FHIR R4 resource type'],
        "rules.1.match": ["A rule needs at least one condition."],
        fallback: ["Outcome must be one of …"],
        note: ["Say why."],
        rules: ["A policy may have at most 100 rules."],
      },
      ["k7", "k3"],
    );
    expect(errors).toEqual({
      byRule: {
        k7: { description: ["Each rule needs a description."] },
        k3: {
          resourceTypes: ['"observation" is not a FHIR R4 resource type'],
          conditions: ["A rule needs at least one condition."],
        },
      },
      fallback: ["Outcome must be one of …"],
      note: ["Say why."],
      other: ["A policy may have at most 100 rules."],
    });
  });
});
