import { describe, expect, it } from "vitest";
import { needOfRequest, parseQueryPairs, patientFromQuery } from "./fhir-request";

const need = (method: string, path: string, query?: string) =>
  needOfRequest({ method, path, query });

describe("needOfRequest: FHIR REST interactions", () => {
  it.each([
    ["GET", "/Observation/123", "read", "Observation", "r"],
    ["HEAD", "/Observation/123", "read", "Observation", "r"],
    ["GET", "/Observation/123/_history/2", "vread", "Observation", "r"],
    ["GET", "/Observation/123/_history", "history-instance", "Observation", "r"],
    ["GET", "/Observation", "search-type", "Observation", "s"],
    ["POST", "/Observation/_search", "search-type", "Observation", "s"],
    ["GET", "/Observation/_history", "history-type", "Observation", "s"],
    ["POST", "/Observation", "create", "Observation", "c"],
    ["PUT", "/Observation/123", "update", "Observation", "u"],
    ["PATCH", "/Observation/123", "patch", "Observation", "u"],
    ["DELETE", "/Observation/123", "delete", "Observation", "d"],
    ["GET", "/Patient/p1/Observation", "search-compartment", "Observation", "s"],
    ["POST", "/Patient/p1/Observation/_search", "search-compartment", "Observation", "s"],
  ])("%s %s is %s, needing %s.%s", (method, path, interaction, resourceType, letters) => {
    expect(need(method, path)).toMatchObject({
      kind: "resource",
      interaction,
      items: [{ resourceType, letters }],
    });
  });

  it("treats conditional update, patch and delete as the write plus search", () => {
    expect(need("PUT", "/Observation", "identifier=x|1")).toMatchObject({
      interaction: "conditional-update",
      items: [{ letters: "us" }],
    });
    expect(need("PATCH", "/Observation", "identifier=x|1")).toMatchObject({
      interaction: "conditional-patch",
      items: [{ letters: "us" }],
    });
    expect(need("DELETE", "/Observation", "identifier=x|1")).toMatchObject({
      interaction: "conditional-delete",
      items: [{ letters: "ds" }],
    });
    expect(need("DELETE", "/Observation")).toMatchObject({ kind: "unsupported" });
  });

  it("finds the query in the path or beside it, and strips a base path", () => {
    expect(need("GET", "/Observation?category=vital-signs")).toMatchObject({
      pairs: [["category", "vital-signs"]],
    });
    expect(
      needOfRequest({ method: "GET", path: "/fhir/r4/Observation/1", basePath: "/fhir/r4/" }),
    ).toMatchObject({ interaction: "read" });
    expect(
      needOfRequest({ method: "GET", path: "/other/Observation/1", basePath: "/fhir" }),
    ).toMatchObject({
      kind: "unsupported",
      reason: expect.stringMatching(/outside the FHIR base/),
    });
  });

  it("lets the capability statement through as public", () => {
    expect(need("GET", "/metadata")).toMatchObject({ kind: "public" });
    expect(need("DELETE", "/metadata")).toMatchObject({ kind: "unsupported" });
  });

  it.each([
    ["POST", "/", /Batch and transaction/],
    ["GET", "/", /Whole-system search/],
    ["GET", "/Observation/123/$everything", /operation \$everything/],
    ["POST", "/Observation/$validate", /operation \$validate/],
    ["GET", "/$reindex", /system-level operation/],
    ["GET", "/_history", /system-level _history/],
    ["GET", "/Observaton/1", /not a FHIR R4 resource type/],
    ["GET", "/Observation/../Patient/1", /\.\. segments/],
    ["GET", "/Observation//1", /empty/],
    ["GET", "/Observation/%2E%2E/Patient", /encoded/],
    ["GET", "/Observation/a b", /not a valid resource id/],
    ["POST", "/Observation/123", /not a FHIR interaction/],
    ["GET", "/Observation/1/_history/2/extra", /not a recognised FHIR interaction/],
    ["GET", "/Observation?x=%E0%A4%A", /percent-encoded/],
    ["GET", "Observation/1", /start with \//],
  ])("denies what it does not recognise: %s %s", (method, path, reason) => {
    const result = need(method, path);
    expect(result.kind).toBe("unsupported");
    expect(result.kind === "unsupported" && result.reason).toMatch(reason);
  });

  it("names the one patient a request is limited to", () => {
    expect(need("GET", "/Patient/p1")).toMatchObject({ patientId: "p1" });
    expect(need("GET", "/Patient/p1/Observation")).toMatchObject({ patientId: "p1" });
    expect(need("GET", "/Observation", "patient=p2")).toMatchObject({ patientId: "p2" });
    expect(need("GET", "/Observation", "subject=Patient/p3&category=laboratory")).toMatchObject({
      patientId: "p3",
    });
    expect(need("GET", "/Patient", "_id=p4")).toMatchObject({ patientId: "p4" });
    expect(need("GET", "/Observation/o1")).toMatchObject({ patientId: null });
    expect(need("GET", "/Encounter/e1/Observation")).toMatchObject({ patientId: null });
  });
});

describe("needOfRequest: bulk $export", () => {
  it("needs read and search on every exported type, never in patient context", () => {
    expect(need("GET", "/$export", "_type=Patient,Observation")).toEqual({
      kind: "resource",
      interaction: "export-system",
      pairs: [],
      patientId: null,
      allowsPatientContext: false,
      items: [
        { resourceType: "Observation", letters: "rs" },
        { resourceType: "Patient", letters: "rs" },
      ],
    });
    expect(need("GET", "/Patient/$export")).toMatchObject({
      interaction: "export-patient",
      items: [{ resourceType: "*", letters: "rs" }],
    });
    expect(need("POST", "/Group/g1/$export", "_type=Condition&_type=Encounter")).toMatchObject({
      interaction: "export-group",
      items: [{ resourceType: "Condition" }, { resourceType: "Encounter" }],
    });
  });

  it("refuses unknown types and export where the spec has none", () => {
    expect(need("GET", "/$export", "_type=Patient,Nope")).toMatchObject({ kind: "unsupported" });
    expect(need("GET", "/Observation/$export")).toMatchObject({ kind: "unsupported" });
    expect(need("GET", "/Patient/p1/$export")).toMatchObject({ kind: "unsupported" });
  });
});

describe("query helpers", () => {
  it("decodes like a FHIR server: sorted pairs, + as a space, empty values dropped", () => {
    expect(parseQueryPairs("?b=2&a=x%7Cy&a=1&c=&d+e=f+g&a=1")).toEqual([
      ["a", "1"],
      ["a", "x|y"],
      ["b", "2"],
      ["d e", "f g"],
    ]);
    expect(parseQueryPairs("a=%ZZ")).toBeNull();
  });

  it("accepts only exactly one patient", () => {
    expect(
      patientFromQuery([
        ["patient", "Patient/1"],
        ["subject", "Patient/1"],
      ]),
    ).toBe("1");
    expect(
      patientFromQuery([
        ["patient", "1"],
        ["patient", "2"],
      ]),
    ).toBeNull();
    expect(patientFromQuery([["patient", "1,2"]])).toBeNull();
    expect(patientFromQuery([["subject", "Group/1"]])).toBeNull();
    expect(patientFromQuery([["subject:Patient", "7"]])).toBe("7");
  });
});
