/** zod schema for a policy document, with messages an admin can act on. */
import { z } from "zod";
import { RESOURCE_TYPE_SET, suggestResourceType } from "../scopes/resource-types";
import { ZResponseTargets } from "./deadlines";
import type { Policy } from "./types";

export const MAX_POLICY_RULES = 100;

export const ZPolicyOutcome = z.enum(["grant", "one_approver", "two_approvers", "forbidden"], {
  error: "Outcome must be one of grant, one_approver, two_approvers, forbidden.",
});

const ZResourceTypeName = z.string().superRefine((name, ctx) => {
  if (name === "*" || RESOURCE_TYPE_SET.has(name)) return;
  const hint = suggestResourceType(name);
  ctx.addIssue({
    code: "custom",
    message: `"${name}" is not a FHIR R4 resource type${hint ? `: did you mean "${hint.suggestion}"?` : " (names are case-sensitive, e.g. Observation; use * for wildcard scopes)."}`,
  });
});

const nonEmpty = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1, { error: `${what} must list at least one value; leave it out to match any.` });

export const ZPolicyMatch = z
  .strictObject(
    {
      kinds: nonEmpty(z.enum(["clinical", "identity", "launch", "refresh"]), "kinds").optional(),
      contexts: nonEmpty(z.enum(["patient", "user", "system"]), "contexts").optional(),
      permissionsAny: nonEmpty(z.enum(["c", "r", "u", "d", "s"]), "permissionsAny").optional(),
      wildcardResource: z.boolean().optional(),
      resourceTypes: nonEmpty(ZResourceTypeName, "resourceTypes").optional(),
      appTypes: nonEmpty(z.enum(["patient", "provider", "backend"]), "appTypes").optional(),
      narrowed: z.boolean().optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Unknown condition(s): ${issue.keys.join(", ")}. Allowed: kinds, contexts, permissionsAny, wildcardResource, resourceTypes, appTypes, narrowed.`
          : undefined,
    },
  )
  .refine((m) => Object.values(m).some((v) => v !== undefined), {
    error:
      "A rule needs at least one condition in match (a rule that matches everything belongs in fallback).",
  });

export const ZPolicyRule = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    error:
      "Rule id must be 1–64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.",
  }),
  description: z
    .string()
    .trim()
    .min(1, { error: "Each rule needs a description saying why it exists." })
    .max(500),
  outcome: ZPolicyOutcome,
  match: ZPolicyMatch,
});

const ZDays = (what: string) =>
  z
    .number({ error: `${what} is a number of days.` })
    .int({ error: `${what} is a whole number of days.` })
    .min(1, { error: `${what} is at least 1 day.` })
    .max(36_500, { error: `${what} is at most 36,500 days.` });

export const ZPolicyAging = z.strictObject(
  {
    lifetimes: z
      .array(z.strictObject({ match: ZPolicyMatch, maxDays: ZDays("maxDays").nullable() }))
      .max(MAX_POLICY_RULES, {
        error: `A policy may have at most ${MAX_POLICY_RULES} lifetimes.`,
      })
      .optional(),
    unusedAfterDays: ZDays("unusedAfterDays").optional(),
    keyRotationDays: ZDays("keyRotationDays").optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown aging setting(s): ${issue.keys.join(", ")}. Allowed: lifetimes, unusedAfterDays, keyRotationDays.`
        : undefined,
  },
);

export const ZPolicy = z
  .strictObject({
    aging: ZPolicyAging.optional(),
    rules: z
      .array(ZPolicyRule)
      .max(MAX_POLICY_RULES, { error: `A policy may have at most ${MAX_POLICY_RULES} rules.` }),
    fallback: ZPolicyOutcome,
    responseTargets: ZResponseTargets.optional(),
  })
  .superRefine((policy, ctx) => {
    const first = new Map<string, number>();
    policy.rules.forEach((rule, i) => {
      const earlier = first.get(rule.id);
      if (earlier === undefined) first.set(rule.id, i);
      else {
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "id"],
          message: `Duplicate rule id "${rule.id}" (rules ${earlier + 1} and ${i + 1}): rule ids must be unique.`,
        });
      }
    });
  });

export type TPolicy = z.infer<typeof ZPolicy>;

/** Compile-time check that the schema's output is a Policy. */
const _assignable: (p: TPolicy) => Policy = (p) => p;
void _assignable;
