/** zod schemas for the scope API and CLI: request validation and the response contract. */
import { z } from "zod";
import { RISK_LEVELS } from "./types";

export const ZClientType = z.enum(["public", "confidential", "backend"], {
  error: 'clientType must be "public", "confidential" or "backend".',
});

export const ZAnalyzeRequest = z.strictObject(
  {
    scopes: z.union(
      [z.string(), z.array(z.string({ error: "Every item of scopes must be a string." }))],
      {
        error:
          'scopes must be a space-separated string or an array of strings, e.g. {"scopes": "patient/Observation.rs openid"}.',
      },
    ),
    clientType: ZClientType.optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown field(s): ${issue.keys.join(", ")}. Allowed: scopes, clientType.`
        : "The body must be a JSON object.",
  },
);
export type TAnalyzeRequest = z.infer<typeof ZAnalyzeRequest>;

const ZIssue = z.object({ code: z.string(), message: z.string() });

export const ZScopeResult = z.strictObject({
  input: z.string(),
  valid: z.boolean(),
  kind: z.enum(["clinical", "identity", "launch", "refresh", "unknown"]),
  context: z.enum(["patient", "user", "system"]).nullable(),
  resourceType: z.string().nullable(),
  permissions: z
    .string()
    .regex(/^c?r?u?d?s?$/)
    .min(1)
    .nullable(),
  version: z.enum(["v1", "v2"]).nullable(),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).nullable(),
  normalized: z.string().nullable(),
  explanation: z.string().min(1),
  risk: z.object({ level: z.enum(RISK_LEVELS), reasons: z.array(z.string()) }).nullable(),
  requiresApproval: z.boolean().nullable(),
  errors: z.array(ZIssue),
  warnings: z.array(ZIssue),
});

export const ZFinding = z.strictObject({
  rule: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  scopes: z.array(z.string()),
});

export const ZAnalyzeResponse = z.strictObject({
  valid: z.boolean(),
  scopes: z.array(ZScopeResult),
  findings: z.array(ZFinding),
});

export const ZCoversResponse = z.strictObject({
  covered: z.boolean(),
  uncovered: z.array(z.string()),
});
