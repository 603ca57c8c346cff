/** The SMART scope engine: pure functions over scope strings, no I/O. */
export * from "./types";
export { parseScope, parseScopes, splitScopeString } from "./parse";
export {
  canonicalScope,
  dedupeScopes,
  meaningKey,
  pairsSubset,
  sameMeaning,
  toParsed,
  toParsedList,
  type ScopeListInput,
} from "./canonical";
export { covers, coversAll, grantApplies, type CoversAllResult } from "./covers";
export {
  compileGrants,
  forgetCompiledScopes,
  grantIndexCovers,
  hasGrantIn,
  hasGrantOn,
  sharedScopeString,
  type CoverResult,
  type GrantIndex,
} from "./grant-index";
export { diffScopes, type ScopeDiff } from "./diff";
export { explainScope } from "./explain";
export { gradeRisk, riskRank } from "./risk";
export {
  consentItems,
  type ConsentAudience,
  type ConsentGroup,
  type ConsentGroupId,
} from "./consent";
export { lintScopes, LINT_RULES, type LintRule } from "./lint";
export { setFindings } from "./set-findings";
export {
  applyTemplateDefaults,
  getTemplate,
  SCOPE_TEMPLATES,
  templateProfile,
  templatesForAppType,
  templateScopesForAppType,
  type ScopeTemplate,
  type ScopeTemplateVariant,
  type TemplateKey,
} from "./templates";
export { RESOURCE_TYPES, RESOURCE_TYPE_SET, isKnownSearchParam } from "./resource-types";
export { decodeQueryComponent, encodeQueryComponent } from "./query-encoding";
export { KNOWN_NON_CLINICAL } from "./non-clinical";
export * from "./schemas";
