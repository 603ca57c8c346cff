/**
 * FHIR R4 resource type and search parameter look-ups.
 *
 * `resourceTypeSlotAt` is on the per-request path: it hashes a few characters of the name in
 * place (its length and the characters at both ends) and confirms the match with one native
 * comparison, so no substring is allocated; names come back as the interned table strings.
 */
import {
  FHIR_R4_DOMAIN_RESOURCE_SEARCH_PARAMS,
  FHIR_R4_NON_DOMAIN_RESOURCE_TYPES,
  FHIR_R4_RESOURCE_SEARCH_PARAMS,
  FHIR_R4_RESOURCE_TYPES,
  FHIR_R4_TYPE_SEARCH_PARAMS,
} from "./fhir-r4";
import { closestMatch, createSuggester } from "./suggest";

export const RESOURCE_TYPES = FHIR_R4_RESOURCE_TYPES;
export const RESOURCE_TYPE_SET: ReadonlySet<string> = new Set(RESOURCE_TYPES);

const TABLE_BITS = 10;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Open-addressing table of indexes into RESOURCE_TYPES (+1; 0 = empty). */
const TABLE = new Int16Array(1 << TABLE_BITS);

/** The table slot of the name s[start, end) (at least two characters): from its length and ends. */
function slotOf(s: string, start: number, end: number): number {
  const h =
    Math.imul(end - start, 0x9e3779b1) ^
    Math.imul(s.charCodeAt(start + 1) | (s.charCodeAt(start) << 8), 0x85ebca6b) ^
    Math.imul(s.charCodeAt(end - 1) | (s.charCodeAt(end - 2) << 8), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & TABLE_MASK;
}

RESOURCE_TYPES.forEach((name, index) => {
  let slot = slotOf(name, 0, name.length);
  while (TABLE[slot] !== 0) slot = (slot + 1) & TABLE_MASK;
  TABLE[slot] = index + 1;
});

/**
 * The slot of the resource type spelled exactly by s[start, end): 1 + its index in
 * RESOURCE_TYPES, or 0 when there is none.
 */
export function resourceTypeSlotAt(s: string, start: number, end: number): number {
  const length = end - start;
  if (length < 2 || length > 40) return 0;
  for (let slot = slotOf(s, start, end); ; slot = (slot + 1) & TABLE_MASK) {
    const entry = TABLE[slot]!;
    if (entry === 0) return 0;
    const name = RESOURCE_TYPES[entry - 1]!;
    if (name.length === length && s.startsWith(name, start)) return entry;
  }
}

/** 1 + the index of `name` in RESOURCE_TYPES, or 0 when it is not a resource type. */
export function resourceTypeSlot(name: string): number {
  return resourceTypeSlotAt(name, 0, name.length);
}

/** The resource type spelled exactly by s[start, end), or null. */
export function lookupResourceType(s: string, start: number, end: number): string | null {
  const entry = resourceTypeSlotAt(s, start, end);
  return entry === 0 ? null : RESOURCE_TYPES[entry - 1]!;
}

/** Names used before R4 (DSTU2/STU3) that people still paste, with their R4 successor. */
const RENAMED: Readonly<Record<string, string>> = {
  MedicationOrder: "MedicationRequest",
  ProcedureRequest: "ServiceRequest",
  ReferralRequest: "ServiceRequest",
  DiagnosticOrder: "ServiceRequest",
  DeviceUseRequest: "DeviceRequest",
  EligibilityRequest: "CoverageEligibilityRequest",
  EligibilityResponse: "CoverageEligibilityResponse",
  DeviceComponent: "DeviceDefinition",
  Sequence: "MolecularSequence",
  BodySite: "BodyStructure",
};

/** A hint for an unknown resource type name, or null when nothing is close. */
const typeSuggester = createSuggester(RESOURCE_TYPES);

export function suggestResourceType(
  name: string,
): { suggestion: string; why: "case" | "typo" | "renamed" } | null {
  if (Object.hasOwn(RENAMED, name)) return { suggestion: RENAMED[name]!, why: "renamed" };
  const match = typeSuggester.suggest(name);
  if (!match) return null;
  return { suggestion: match, why: match.toLowerCase() === name.toLowerCase() ? "case" : "typo" };
}

const split = (s: string): string[] => (s ? s.split(" ") : []);
const RESOURCE_PARAMS = split(FHIR_R4_RESOURCE_SEARCH_PARAMS);
const DOMAIN_PARAMS = split(FHIR_R4_DOMAIN_RESOURCE_SEARCH_PARAMS);
const NON_DOMAIN = new Set(FHIR_R4_NON_DOMAIN_RESOURCE_TYPES);

/** FHIR search framework parameters that filter any resource type (FHIR R4 search §3.1.1). */
const FRAMEWORK_PARAMS = ["_has", "_list", "_filter"];

/** Result-shaping parameters: legal in a search, but they do not limit which resources are reachable. */
export const RESULT_PARAMS: ReadonlySet<string> = new Set([
  "_count",
  "_sort",
  "_include",
  "_revinclude",
  "_summary",
  "_elements",
  "_contained",
  "_containedType",
  "_total",
]);

/** Parameters valid on every resource type (what a `*` scope may be narrowed by). */
const COMMON_PARAMS: ReadonlySet<string> = new Set([...RESOURCE_PARAMS, ...FRAMEWORK_PARAMS]);

let byType: Map<string, ReadonlySet<string>> | null = null;

function paramsFor(resourceType: string): ReadonlySet<string> {
  if (resourceType === "*") return COMMON_PARAMS;
  byType ??= new Map();
  let set = byType.get(resourceType);
  if (!set) {
    set = new Set([
      ...COMMON_PARAMS,
      ...(NON_DOMAIN.has(resourceType) ? [] : DOMAIN_PARAMS),
      ...split(FHIR_R4_TYPE_SEARCH_PARAMS[resourceType] ?? ""),
    ]);
    byType.set(resourceType, set);
  }
  return set;
}

/** The parameter name without modifier or chain: `code:in` → `code`, `patient.name` → `patient`. */
export function baseParamName(name: string): string {
  let end = name.length;
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch === 58 /* : */ || ch === 46 /* . */) {
      end = i;
      break;
    }
  }
  return end === name.length ? name : name.slice(0, end);
}

export function isKnownSearchParam(resourceType: string, name: string): boolean {
  return paramsFor(resourceType).has(baseParamName(name));
}

export function suggestSearchParam(resourceType: string, name: string): string | null {
  return closestMatch(baseParamName(name), [...paramsFor(resourceType)]);
}
