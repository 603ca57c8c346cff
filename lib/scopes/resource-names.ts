/** Plain-English names for FHIR resource types and permission letters. */
import type { QueryPair } from "./types";

const PLURAL_OVERRIDES: Readonly<Record<string, string>> = {
  Patient: "patient records",
  AllergyIntolerance: "allergies and intolerances",
  DocumentReference: "clinical documents",
  ExplanationOfBenefit: "explanation-of-benefit records",
  Binary: "binary files",
  Basic: "basic records",
  Evidence: "evidence records",
  Person: "person records",
  List: "lists",
  Group: "groups",
  Media: "media items",
  MedicationKnowledge: "medication knowledge records",
  ImagingStudy: "imaging studies",
  FamilyMemberHistory: "family member histories",
  Library: "libraries",
};

function pluralize(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** `MedicationRequest` → "medication requests". */
export function resourcePlural(resourceType: string): string {
  if (Object.hasOwn(PLURAL_OVERRIDES, resourceType)) return PLURAL_OVERRIDES[resourceType]!;
  const words = resourceType
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(" ");
  words[words.length - 1] = pluralize(words[words.length - 1]!);
  return words.join(" ");
}

const VERBS: readonly [number, string][] = [
  [1, "create"],
  [2, "read"],
  [4, "update"],
  [8, "delete"],
  [16, "search"],
];

export function joinWords(words: readonly string[], conjunction = "and"): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

/** A permission mask as verbs: 18 → "read and search". */
export function permissionVerbs(mask: number): string {
  return joinWords(VERBS.filter(([bit]) => mask & bit).map(([, verb]) => verb));
}

/** The readable part of a token value: `http://…|laboratory` → "laboratory". */
export function displayValue(value: string): string {
  const bar = value.lastIndexOf("|");
  return bar >= 0 && bar < value.length - 1 ? value.slice(bar + 1) : value;
}

/** ", limited to category vital-signs and date ge2020". */
export function narrowingPhrase(pairs: readonly QueryPair[] | null): string {
  if (!pairs || pairs.length === 0) return "";
  return `, limited to ${joinWords(pairs.map(([name, value]) => `${name} ${displayValue(value)}`))}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
