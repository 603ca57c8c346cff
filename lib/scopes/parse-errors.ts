/** The slow path for clinical scopes that failed the fast scan: find every error and say how to fix it. */
import { characterIssue, invalidScope, NO_ISSUES } from "./make-scope";
import { permissionIssue, scanPermissions, V1_FLAG } from "./permissions";
import { parseQuery } from "./query";
import { RESOURCE_TYPE_SET, RESOURCE_TYPES, suggestResourceType } from "./resource-types";
import { quote } from "./suggest";
import type { ParsedScope, ScopeContext, ScopeIssue } from "./types";

export function resourceTypeIssue(name: string): ScopeIssue {
  const slash = name.indexOf("/");
  if (slash > 0) {
    return {
      code: "UNKNOWN_RESOURCE_TYPE",
      message: `${quote(name)} is not a resource type: scopes name a type, not one resource instance (drop ${quote(name.slice(slash))}).`,
    };
  }
  const hint = suggestResourceType(name);
  if (hint?.why === "case") {
    return {
      code: "UNKNOWN_RESOURCE_TYPE",
      message: `${quote(name)} is not a FHIR R4 resource type; type names are case-sensitive: did you mean ${quote(hint.suggestion)}?`,
    };
  }
  if (hint?.why === "renamed") {
    return {
      code: "UNKNOWN_RESOURCE_TYPE",
      message: `${quote(name)} is not a FHIR R4 resource type (it comes from an earlier FHIR version): did you mean ${quote(hint.suggestion)}?`,
    };
  }
  return {
    code: "UNKNOWN_RESOURCE_TYPE",
    message:
      `${quote(name)} is not one of the ${RESOURCE_TYPES.length} FHIR R4 resource types` +
      (hint
        ? `: did you mean ${quote(hint.suggestion)}?`
        : "; use an exact type name such as `Observation`, or `*` for all types."),
  };
}

export function explainClinicalErrors(
  input: string,
  context: ScopeContext,
  slash: number,
): ParsedScope {
  const errors: ScopeIssue[] = [];
  let warnings: readonly ScopeIssue[] = NO_ISSUES;
  const charIssue = characterIssue(input);
  if (charIssue) errors.push(charIssue);

  const question = input.indexOf("?", slash + 1);
  const headEnd = question < 0 ? input.length : question;
  let dot = input.indexOf(".", slash + 1);
  if (dot > headEnd) dot = -1;
  const typeText = input.slice(slash + 1, dot < 0 ? headEnd : dot);
  const typeOk = typeText === "*" || RESOURCE_TYPE_SET.has(typeText);
  if (typeText.length === 0) {
    errors.push({
      code: "MISSING_RESOURCE_TYPE",
      message: `A resource type is missing after ${quote(`${context}/`)}: name one, e.g. ${quote(`${context}/Observation.rs`)}, or use \`*\` for all types.`,
    });
  } else if (!typeOk) {
    errors.push(resourceTypeIssue(typeText));
  }

  if (dot < 0) {
    errors.push({
      code: "MISSING_PERMISSIONS",
      message: `${quote(input.slice(0, headEnd))} has no permissions: add them after a \`.\`, e.g. ${quote(`${context}/${typeOk ? typeText : "Observation"}.rs`)} to read and search.`,
    });
  } else {
    const suffix = input.slice(dot + 1, headEnd);
    const code = scanPermissions(suffix, 0, suffix.length);
    if (code < 0) errors.push(permissionIssue(suffix));
    else if (question >= 0 && code & V1_FLAG) {
      errors.push({
        code: "QUERY_REQUIRES_V2",
        message: `Narrowing with \`?\` is SMART v2 only and cannot follow v1 ${quote(suffix)}: use v2 letters instead (\`read\` = \`rs\`, \`write\` = \`cud\`, \`*\` = \`cruds\`).`,
      });
    }
  }

  if (question >= 0 && !charIssue) {
    const parsed = parseQuery(input, question + 1, input.length, typeOk ? typeText : null);
    errors.push(...parsed.errors);
    warnings = parsed.warnings;
  }
  if (errors.length === 0) {
    errors.push({
      code: "INVALID_SCOPE",
      message: `${quote(input)} is not a valid SMART scope; write it as \`context/ResourceType.permissions\`, e.g. \`patient/Observation.rs\`.`,
    });
  }
  return invalidScope(input, "clinical", errors, warnings);
}
