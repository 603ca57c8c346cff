import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "./default-policy";
import { ZPolicy } from "./schema";

const rule = (over: Record<string, unknown> = {}) => ({
  id: "r1",
  description: "A rule.",
  outcome: "grant",
  match: { kinds: ["identity"] },
  ...over,
});
const messages = (doc: unknown) => {
  const r = ZPolicy.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("ZPolicy", () => {
  it("accepts the default policy", () => {
    expect(ZPolicy.safeParse(DEFAULT_POLICY).success).toBe(true);
  });
  it("requires unique rule ids", () => {
    expect(messages({ rules: [rule(), rule()], fallback: "grant" })).toEqual([
      expect.stringContaining('Duplicate rule id "r1" (rules 1 and 2)'),
    ]);
  });
  it("checks resource type names, with a suggestion", () => {
    expect(
      messages({ rules: [rule({ match: { resourceTypes: ["observation"] } })], fallback: "grant" }),
    ).toEqual([expect.stringContaining('did you mean "Observation"')]);
    expect(
      ZPolicy.safeParse({
        rules: [rule({ match: { resourceTypes: ["*", "Observation"] } })],
        fallback: "grant",
      }).success,
    ).toBe(true);
  });
  it("requires a description", () => {
    expect(messages({ rules: [rule({ description: "  " })], fallback: "grant" })[0]).toContain(
      "description",
    );
  });
  it("requires at least one condition", () => {
    expect(messages({ rules: [rule({ match: {} })], fallback: "grant" })[0]).toContain(
      "at least one condition",
    );
  });
  it("rejects unknown conditions and bad values", () => {
    expect(
      messages({ rules: [rule({ match: { context: ["patient"] } })], fallback: "grant" })[0],
    ).toContain("Unknown condition(s): context");
    expect(
      messages({ rules: [rule({ match: { permissionsAny: ["w"] } })], fallback: "grant" }).length,
    ).toBe(1);
    expect(messages({ rules: [rule({ outcome: "maybe" })], fallback: "grant" })[0]).toContain(
      "Outcome must be one of",
    );
    expect(
      messages({ rules: [rule({ match: { contexts: [] } })], fallback: "grant" })[0],
    ).toContain("at least one value");
  });
  it("caps the number of rules", () => {
    const rules = Array.from({ length: 101 }, (_, i) => rule({ id: `r${i}` }));
    expect(messages({ rules, fallback: "grant" })[0]).toContain("at most 100 rules");
  });
  it("requires a fallback", () => {
    expect(ZPolicy.safeParse({ rules: [] }).success).toBe(false);
  });
});
