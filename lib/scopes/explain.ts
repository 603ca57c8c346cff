/** One plain-English line per scope, for partners and approvers. */
import { EXPLAIN_NON_CLINICAL } from "./non-clinical";
import { capitalize, narrowingPhrase, permissionVerbs, resourcePlural } from "./resource-names";
import type { ParsedScope } from "./types";

function target(scope: ParsedScope): string {
  const type = scope.resourceType!;
  const wildcard = type === "*";
  switch (scope.context) {
    case "patient":
      if (wildcard) return "every type of this patient's data";
      return type === "Patient"
        ? "this patient's own Patient record (demographics)"
        : `this patient's ${resourcePlural(type)}`;
    case "user":
      return wildcard
        ? "every resource type the signed-in user can access"
        : `${resourcePlural(type)} the signed-in user can access`;
    default:
      return wildcard
        ? "every resource type for all patients"
        : `${resourcePlural(type)} for all patients`;
  }
}

export function explainScope(scope: ParsedScope): string {
  if (!scope.valid) {
    const first = scope.errors[0];
    return `Not a valid scope; it grants nothing${first ? ` (${first.code})` : ""}.`;
  }
  if (scope.kind !== "clinical") {
    const known = EXPLAIN_NON_CLINICAL[scope.input];
    if (known && Object.hasOwn(EXPLAIN_NON_CLINICAL, scope.input)) return known;
    if (scope.kind === "launch") {
      const name = scope.input.slice("launch/".length).split("?")[0];
      const role = scope.query?.role;
      return `Ask the EHR for ${name} launch context (experimental)${typeof role === "string" ? ` in the role ${role}` : ""}`;
    }
    return "Not a valid scope; it grants nothing.";
  }
  const verbs = permissionVerbs(scope.mask);
  const line = `${verbs} ${target(scope)}${narrowingPhrase(scope.pairs)}`;
  return scope.context === "system" ? `Backend service: ${line}` : capitalize(line);
}
