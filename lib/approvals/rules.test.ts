import { describe, expect, it } from "vitest";
import { parseScope } from "../scopes";
import { approvalStep, narrowingProblem } from "./rules";

describe("approvalStep", () => {
  it("grants on the first approval when one approver is needed", () => {
    expect(approvalStep(1, [], "a")).toEqual({ kind: "grant", approvers: 1 });
  });

  it("needs two different administrators for a two-person scope", () => {
    expect(approvalStep(2, [], "a")).toEqual({ kind: "partial", have: 1, need: 2 });
    expect(approvalStep(2, ["a"], "a")).toEqual({ kind: "duplicate" });
    expect(approvalStep(2, ["a"], "b")).toEqual({ kind: "grant", approvers: 2 });
  });
});

describe("narrowingProblem", () => {
  const problem = (a: string, b: string) => narrowingProblem(parseScope(a), parseScope(b));

  it.each([
    ["system/*.rs", "system/Patient.rs"],
    ["patient/Observation.rs", "patient/Observation.rs?category=vital-signs"],
    ["system/Task.cu", "system/Task.u"],
    ["user/Observation.read", "user/Observation.r"],
  ])("accepts %s → %s", (a, b) => expect(problem(a, b)).toBeNull());

  it.each([
    ["patient/Observation.rs", "patient/Observation.rs", /same scope/],
    ["patient/Observation.rs", "user/Observation.rs", /patient\/ context/],
    ["patient/Observation.rs", "patient/Observation.cruds", /not within/],
    ["patient/Observation.rs?category=laboratory", "patient/Observation.rs", /not within/],
    ["patient/Observation.rs", "patient/Observation.sr", /not a valid scope/],
    ["openid", "fhirUser", /clinical/],
  ])("refuses %s → %s", (a, b, message) => expect(problem(a, b)).toMatch(message));
});
