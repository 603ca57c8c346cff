import {
  FHIR_R4_DOMAIN_RESOURCE_SEARCH_PARAMS,
  FHIR_R4_NON_DOMAIN_RESOURCE_TYPES,
  FHIR_R4_RESOURCE_SEARCH_PARAMS,
  FHIR_R4_TYPE_SEARCH_PARAMS,
} from "@/lib/scopes/fhir-r4";

/** The search parameters a resource type supports in FHIR R4 (its own first, then the common ones). */
export function searchParamsFor(resourceType: string): string[] {
  const own = (FHIR_R4_TYPE_SEARCH_PARAMS[resourceType] ?? "").split(" ").filter(Boolean);
  const common = FHIR_R4_RESOURCE_SEARCH_PARAMS.split(" ");
  const domain = FHIR_R4_NON_DOMAIN_RESOURCE_TYPES.includes(resourceType)
    ? []
    : FHIR_R4_DOMAIN_RESOURCE_SEARCH_PARAMS.split(" ");
  return [...own.sort(), ...common, ...domain];
}
