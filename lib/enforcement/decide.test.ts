import { describe, expect, it } from "vitest";
import { compileClientGrants, compileToken, createTokenIndexCache, decide } from "./decide";
import { needOfRequest } from "./fhir-request";

const active = { appStatus: "active", partnerStatus: "active" } as const;
const grantsOf = (
  scopes: string,
  status: { appStatus: "active" | "suspended"; partnerStatus: "active" | "suspended" } = active,
) => compileClientGrants(status, scopes.split(" "));
const ask = (scopes: string, method: string, path: string, query?: string, token?: string) =>
  decide(
    grantsOf(scopes),
    needOfRequest({ method, path, query }),
    token === undefined ? null : compileToken(token),
  );

describe("decide", () => {
  it("allows what a grant covers and names the grant and the scope needed", () => {
    expect(ask("user/Observation.rs openid", "GET", "/Observation/1")).toEqual({
      allow: true,
      reason: "Allowed: read of Observation in user context.",
      required: "user/Observation.r",
      matchedScope: "user/Observation.rs",
    });
    expect(ask("system/*.rs", "GET", "/Encounter", "date=ge2024")).toMatchObject({
      allow: true,
      required: "system/Encounter.s",
      matchedScope: "system/*.rs",
    });
  });

  it("maps every interaction to its letter: read does not allow search, create does not allow update", () => {
    expect(ask("user/Observation.r", "GET", "/Observation").allow).toBe(false);
    expect(ask("user/Observation.s", "GET", "/Observation").allow).toBe(true);
    expect(ask("user/Observation.c", "PUT", "/Observation/1").allow).toBe(false);
    expect(ask("user/Observation.cu", "PUT", "/Observation/1").allow).toBe(true);
    expect(ask("user/Observation.u", "PATCH", "/Observation/1").allow).toBe(true);
    expect(ask("user/Observation.u", "PUT", "/Observation", "identifier=a|1").allow).toBe(false);
    expect(ask("user/Observation.us", "PUT", "/Observation", "identifier=a|1").allow).toBe(true);
    expect(ask("user/Observation.cruds", "DELETE", "/Observation/1").allow).toBe(true);
    expect(ask("user/Observation.crus", "DELETE", "/Observation/1").allow).toBe(false);
  });

  it("denies, with the reason, what it cannot map", () => {
    expect(ask("system/*.cruds", "POST", "/")).toMatchObject({
      allow: false,
      required: null,
      reason: expect.stringMatching(/Batch and transaction/),
    });
    expect(ask("system/*.cruds", "GET", "/Patient/1/$everything")).toMatchObject({
      allow: false,
      reason: expect.stringMatching(/\$everything/),
    });
  });

  it("lets a narrowed grant allow only requests that carry its narrowing", () => {
    const scopes = "user/Observation.rs?category=vital-signs";
    expect(ask(scopes, "GET", "/Observation", "category=vital-signs&date=ge2025")).toMatchObject({
      allow: true,
      matchedScope: scopes,
    });
    const plain = ask(scopes, "GET", "/Observation");
    expect(plain).toMatchObject({ allow: false, required: "user/Observation.s" });
    expect(plain.reason).toMatch(/narrowed by search parameters/);
    expect(plain.reason).not.toMatch(/vital-signs/);
    expect(ask(scopes, "GET", "/Observation", "category=vital-signs,laboratory").allow).toBe(false);
    expect(ask(scopes, "GET", "/Observation/1").allow).toBe(false);
  });

  it("requires the patient in the request for patient/ grants, and says so", () => {
    const scopes = "patient/Observation.rs patient/Patient.rs";
    expect(ask(scopes, "GET", "/Patient/p1/Observation")).toMatchObject({
      allow: true,
      required: "patient/Observation.s",
    });
    expect(ask(scopes, "GET", "/Observation", "patient=p1").reason).toMatch(
      /limited to Patient\/p1/,
    );
    expect(ask(scopes, "GET", "/Observation", "subject=Patient/p1").allow).toBe(true);
    expect(ask(scopes, "GET", "/Patient/p1").allow).toBe(true);
    const noPatient = ask(scopes, "GET", "/Observation/o1");
    expect(noPatient).toMatchObject({ allow: false, required: "patient/Observation.r" });
    expect(noPatient.reason).toMatch(/patient\/ grants need the patient in the request/);
    expect(ask("patient/*.rs", "GET", "/$export").allow).toBe(false);
  });

  it("needs the token's scopes, when given, to cover the request too", () => {
    expect(
      ask("user/Observation.rs", "GET", "/Observation/1", undefined, "user/Observation.read openid")
        .allow,
    ).toBe(true);
    const denied = ask(
      "user/Observation.rs",
      "GET",
      "/Observation/1",
      undefined,
      "user/Patient.rs",
    );
    expect(denied).toMatchObject({ allow: false, required: "user/Observation.r" });
    expect(denied.reason).toMatch(/token's scopes do not allow/);
    expect(ask("user/Observation.rs", "GET", "/Observation/1", undefined, "").allow).toBe(false);
    // A narrowed token scope narrows even when the app's grant is not.
    expect(
      ask(
        "user/Observation.rs",
        "GET",
        "/Observation",
        "category=laboratory",
        "user/Observation.rs?category=laboratory",
      ).allow,
    ).toBe(true);
    expect(
      ask(
        "user/Observation.rs",
        "GET",
        "/Observation",
        "category=vital-signs",
        "user/Observation.rs?category=laboratory",
      ).allow,
    ).toBe(false);
    // A token scope the app was never granted allows nothing.
    expect(
      ask("user/Patient.rs", "GET", "/Observation/1", undefined, "user/Observation.rs"),
    ).toMatchObject({ allow: false, reason: expect.stringMatching(/no live grant/) });
  });

  it("covers $export only with read and search on every exported type", () => {
    expect(
      ask(
        "system/Patient.rs system/Observation.rs",
        "GET",
        "/$export",
        "_type=Patient,Observation",
      ),
    ).toMatchObject({
      allow: true,
      required: "system/Observation.rs system/Patient.rs",
      matchedScope: "system/Observation.rs system/Patient.rs",
    });
    expect(
      ask("system/Patient.rs system/Observation.r", "GET", "/$export", "_type=Patient,Observation"),
    ).toMatchObject({ allow: false });
    expect(ask("system/Patient.rs", "GET", "/Group/g1/$export")).toMatchObject({
      allow: false,
      required: "system/*.rs",
    });
    expect(ask("system/*.read", "GET", "/Group/g1/$export").allow).toBe(true);
  });

  it("denies everything for a suspended app or partner, and answers /metadata only for live clients", () => {
    const need = needOfRequest({ method: "GET", path: "/Observation/1" });
    expect(
      decide(
        grantsOf("user/Observation.rs", { appStatus: "suspended", partnerStatus: "active" }),
        need,
        null,
      ),
    ).toMatchObject({
      allow: false,
      reason: expect.stringMatching(/app is suspended/),
      matchedScope: null,
    });
    expect(
      decide(
        grantsOf("user/Observation.rs", { appStatus: "active", partnerStatus: "suspended" }),
        need,
        null,
      ).reason,
    ).toMatch(/organisation is suspended/);
    expect(ask("openid", "GET", "/metadata")).toMatchObject({ allow: true, required: null });
  });

  it("never lists the client's grants in a reason", () => {
    const scopes = "user/Observation.rs?category=laboratory user/Condition.rs system/Coverage.rs";
    for (const [method, path, query] of [
      ["GET", "/Observation"],
      ["GET", "/Patient/1"],
      ["DELETE", "/Condition/1"],
      ["GET", "/Coverage", "x=1"],
    ] as const) {
      const { reason } = ask(scopes, method, path, query);
      expect(reason).not.toMatch(/laboratory|Condition\.rs|Coverage\.rs/);
    }
  });
});

describe("createTokenIndexCache", () => {
  it("compiles a token's scopes once and stays bounded", () => {
    const indexOf = createTokenIndexCache(2);
    const first = indexOf("user/Observation.rs");
    expect(indexOf("user/Observation.rs")).toBe(first);
    indexOf("a");
    indexOf("b");
    expect(indexOf("user/Observation.rs")).not.toBe(first);
  });
});
