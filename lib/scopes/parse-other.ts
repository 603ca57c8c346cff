/** Everything that does not start with `patient/`, `user/` or `system/`. */
import { parseClinical } from "./parse-clinical";
import { characterIssue, invalidScope, makeScope, NO_ISSUES } from "./make-scope";
import {
  KNOWN_NON_CLINICAL,
  launchNameIssue,
  launchTarget,
  suggestKnownScope,
} from "./non-clinical";
import { parseQuery } from "./query";
import { encodeQueryComponent } from "./query-encoding";
import { RESOURCE_TYPE_SET } from "./resource-types";
import { quote } from "./suggest";
import type { ParsedScope, ScopeContext, ScopeIssue } from "./types";

const KNOWN_LIST = [...KNOWN_NON_CLINICAL.keys()].map((k) => `\`${k}\``).join(", ");

function unknown(input: string, message: string): ParsedScope {
  return invalidScope(input, "unknown", [{ code: "UNKNOWN_SCOPE", message }]);
}

export function parseOtherScope(input: string): ParsedScope {
  if (input.length === 0) {
    return invalidScope(input, "unknown", [
      {
        code: "EMPTY_SCOPE",
        message:
          "The scope is empty: remove it, or write a scope such as `patient/Observation.rs`.",
      },
    ]);
  }
  const kind = KNOWN_NON_CLINICAL.get(input);
  if (kind) return makeScope(input, kind, null, null, null, 0, null, null, null, input, NO_ISSUES);
  const charIssue = characterIssue(input);
  if (charIssue) return invalidScope(input, "unknown", [charIssue]);
  if (input.startsWith("launch/")) return parseLaunch(input);

  const question = input.indexOf("?");
  const head = question < 0 ? input : input.slice(0, question);
  const slash = head.indexOf("/");
  if (slash >= 0) {
    const wrong = wrongContext(input, head.slice(0, slash), slash);
    if (wrong) return wrong;
    if (slash === 0)
      return unknown(
        input,
        `${quote(input)} has no context before the \`/\`: start it with \`patient/\`, \`user/\` or \`system/\`, e.g. \`patient/Observation.rs\`.`,
      );
    if (
      head.indexOf(".", slash) > slash + 1 &&
      /^(\*|[A-Za-z][A-Za-z_-]*)$/.test(head.slice(0, slash))
    ) {
      // Shaped like a clinical scope (`*/*.read`, `provider/Patient.read`) but with no SMART context.
      const prefix = head.slice(0, slash);
      const why =
        prefix === "*"
          ? " (SMART has no wildcard context: request each context the app needs)"
          : "";
      return invalidScope(input, "clinical", [
        {
          code: "INVALID_CONTEXT",
          message: `${quote(prefix)} is not a scope context${why}; start the scope with \`patient/\`, \`user/\` or \`system/\`, e.g. ${quote(`patient${input.slice(slash)}`)}.`,
        },
      ]);
    }
  } else {
    const dot = head.indexOf(".");
    const typeText = dot > 0 ? head.slice(0, dot) : head;
    if (RESOURCE_TYPE_SET.has(typeText) || typeText === "*") {
      return unknown(
        input,
        `${quote(input)} has no context: prefix it with \`patient/\`, \`user/\` or \`system/\`, e.g. ${quote(`patient/${input}`)}.`,
      );
    }
  }
  if (input.startsWith("__") || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(input)) {
    return unknown(
      input,
      `${quote(input)} looks like a server-specific extension scope (SMART allows a \`__\` prefix or a full URI); this API defines no extension scopes, so it grants nothing here. Remove it.`,
    );
  }
  const hint = suggestKnownScope(input);
  if (hint)
    return unknown(
      input,
      `${quote(input)} is not a known scope (scopes are case-sensitive): did you mean ${quote(hint)}?`,
    );
  return unknown(
    input,
    `${quote(input)} is not a SMART scope. Clinical scopes look like \`patient/Observation.rs\`; the other standard scopes are ${KNOWN_LIST}.`,
  );
}

const CONTEXTS: readonly ScopeContext[] = ["patient", "user", "system"];
const CONTEXT_TYPOS: Readonly<Record<string, ScopeContext>> = {
  patients: "patient",
  pateint: "patient",
  paitent: "patient",
  users: "user",
  usr: "user",
  sytem: "system",
  systems: "system",
  sys: "system",
};

/** `Patient/Observation.rs`, `patients/...`: a clinical scope with a mistyped context. */
function wrongContext(input: string, prefix: string, slash: number): ParsedScope | null {
  const lower = prefix.toLowerCase();
  const context =
    CONTEXTS.find((c) => c === lower) ??
    (Object.hasOwn(CONTEXT_TYPOS, lower) ? CONTEXT_TYPOS[lower]! : null);
  if (!context) return null;
  const corrected = parseClinical(`${context}${input.slice(slash)}`, context, context.length);
  const fix = corrected.valid ? `: did you mean ${quote(corrected.input)}?` : ".";
  const errors: ScopeIssue[] = [
    {
      code: "INVALID_CONTEXT",
      message: `${quote(prefix)} is not a scope context; the context is lower-case \`patient\`, \`user\` or \`system\` (and \`Patient\` is the resource type)${fix}`,
    },
    ...corrected.errors,
  ];
  return invalidScope(input, "clinical", errors, corrected.warnings);
}

function parseLaunch(input: string): ParsedScope {
  const question = input.indexOf("?");
  const name = input.slice(7, question < 0 ? input.length : question);
  const rest = question < 0 ? "" : input.slice(question);
  const target = launchTarget(name);
  if (!target) {
    const issue = launchNameIssue(name, rest);
    const kind =
      issue.code === "INVALID_CONTEXT"
        ? "clinical"
        : issue.code === "UNKNOWN_SCOPE"
          ? "unknown"
          : "launch";
    return invalidScope(input, kind, [issue]);
  }
  const warnings: ScopeIssue[] = [];
  if (target.experimental) {
    warnings.push({
      code: "LAUNCH_CONTEXT_EXPERIMENTAL",
      message: `${quote(`launch/${name}`)} asks for ${target.resourceType} launch context, an experimental SMART 2.x extension the EHR may ignore; check the EHR's documentation.`,
    });
  }
  if (question < 0)
    return makeScope(input, "launch", null, null, null, 0, null, null, null, input, warnings);
  const parsed = parseQuery(input, question + 1, input.length, null);
  const errors = [...parsed.errors];
  const pairs = parsed.pairs;
  if (errors.length === 0 && (pairs.length !== 1 || pairs[0]![0] !== "role")) {
    errors.push({
      code: "LAUNCH_ROLE_INVALID",
      message: `A launch context scope accepts only one \`?role=<uri>\` (e.g. \`launch/list?role=https://example.org/med-list-at-home\`); request several roles as separate scopes.`,
    });
  }
  if (errors.length > 0) return invalidScope(input, "launch", errors, parsed.warnings);
  const role = pairs[0]![1];
  return makeScope(
    input,
    "launch",
    null,
    null,
    null,
    0,
    null,
    { role },
    pairs,
    `launch/${name}?role=${encodeQueryComponent(role)}`,
    [...warnings, ...parsed.warnings],
  );
}
