import { describe, expect, it } from "vitest";
import { analyzeScopes } from "./analyze";
import { ZAnalyzeResponse } from "../scopes/schemas";

const KEYS = [
  "input",
  "valid",
  "kind",
  "context",
  "resourceType",
  "permissions",
  "version",
  "query",
  "normalized",
  "explanation",
  "risk",
  "requiresApproval",
  "errors",
  "warnings",
];

describe("analyzeScopes", () => {
  it("returns the exact per-scope contract, in order", () => {
    const r = analyzeScopes(
      "patient/Observation.rs?category=vital-signs openid patient/Observation.sr",
    );
    expect(ZAnalyzeResponse.safeParse(r).success).toBe(true);
    for (const s of r.scopes) expect(Object.keys(s)).toEqual(KEYS);
    expect(r.valid).toBe(false);
    expect(r.scopes[0]).toEqual({
      input: "patient/Observation.rs?category=vital-signs",
      valid: true,
      kind: "clinical",
      context: "patient",
      resourceType: "Observation",
      permissions: "rs",
      version: "v2",
      query: { category: "vital-signs" },
      normalized: "patient/Observation.rs?category=vital-signs",
      explanation: "Read and search this patient's observations, limited to category vital-signs",
      risk: { level: "low", reasons: expect.any(Array) },
      requiresApproval: false,
      errors: [],
      warnings: [],
    });
    expect(r.scopes[1]).toMatchObject({
      kind: "identity",
      context: null,
      version: null,
      normalized: "openid",
      requiresApproval: false,
    });
    expect(r.scopes[2]).toMatchObject({
      valid: false,
      normalized: null,
      risk: null,
      requiresApproval: null,
      errors: [{ code: "PERMISSIONS_OUT_OF_ORDER" }],
    });
  });
  it("is valid only when every scope is valid and the set is non-empty", () => {
    expect(analyzeScopes("patient/Observation.rs openid").valid).toBe(true);
    expect(analyzeScopes("").valid).toBe(false);
    expect(analyzeScopes([]).findings.map((f) => f.rule)).toEqual(["empty-set"]);
  });
  it("uses the default policy for requiresApproval", () => {
    const r = analyzeScopes(["system/*.rs", "user/Patient.read", "user/DocumentReference.c"]);
    expect(r.scopes.map((s) => s.requiresApproval)).toEqual([true, false, true]);
  });
  it("runs clientType lints", () => {
    expect(
      analyzeScopes("offline_access", { clientType: "public" }).findings.map((f) => f.rule),
    ).toContain("offline-access-public-client");
    expect(analyzeScopes("offline_access").findings).toEqual([]);
  });
  it("serialises to plain JSON", () => {
    const r = analyzeScopes("patient/Observation.rs?date=ge2020&date=le2021 user/*.*");
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.scopes[0]!.query).toEqual({ date: ["ge2020", "le2021"] });
  });
});
