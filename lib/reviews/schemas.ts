import { z } from "zod";

const id = (what: string) => z.uuid(`That ${what} was not found.`);
const reason = (why: string) =>
  z.string({ error: why }).trim().min(3, why).max(1000, "Use at most 1,000 characters.");
const optionalReason = z
  .string()
  .trim()
  .max(1000, "Use at most 1,000 characters.")
  .nullish()
  .transform((s) => s || null);

export const ZItemDecision = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("certify"), itemId: id("review item"), reason: optionalReason }),
    z.object({
      kind: z.literal("revoke"),
      itemId: id("review item"),
      reason: reason("Say why the grant is revoked; the partner reads it."),
    }),
    z.object({
      kind: z.literal("narrow"),
      itemId: id("review item"),
      narrowedScope: z
        .string({ error: "Write the narrower scope that replaces it." })
        .trim()
        .min(1, "Write the narrower scope that replaces it.")
        .max(2000),
      reason: optionalReason,
    }),
  ],
  { error: "Choose certify, revoke or narrow." },
);
export type TItemDecision = z.infer<typeof ZItemDecision>;

export const ZBulkRevokeUnused = z.object({
  campaignId: id("campaign"),
  reason: reason("Say why the unused grants are revoked; the partners read it."),
});

export const ZBulkCertify = z.object({
  campaignId: id("campaign"),
  itemIds: z
    .array(id("review item"))
    .min(1, "Select at least one item.")
    .max(500, "Certify at most 500 items at once."),
});

const dayCount = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number of days.` })
    .int(`${label} must be whole days.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

export const ZSchedule = z
  .object({
    name: z
      .string({ error: "Name the schedule." })
      .trim()
      .min(3, "Name the schedule (at least 3 characters).")
      .max(120, "Use at most 120 characters."),
    cadence: z.enum(["monthly", "quarterly", "semiannual", "annual"], {
      error: "Choose how often reviews run.",
    }),
    scopeFilter: z.enum(["all", "system_and_write", "organization", "unused"], {
      error: "Choose which grants are reviewed.",
    }),
    organizationId: z
      .uuid("Choose the partner to review.")
      .nullish()
      .or(z.literal("").transform(() => null)),
    assignment: z.enum(["named", "round_robin", "by_partner"], {
      error: "Choose how reviewers are assigned.",
    }),
    reviewerIds: z.array(z.uuid("Choose reviewers from the list.")).max(50).default([]),
    partnerReviewers: z.record(z.uuid(), z.uuid()).default({}),
    dueInDays: dayCount("Due in", 1, 90),
    reminderDaysBefore: dayCount("Reminder", 0, 30),
    closeAction: z.enum(["flag", "revoke"], { error: "Choose what happens to unanswered items." }),
    active: z.coerce.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.scopeFilter === "organization" && !v.organizationId)
      ctx.addIssue({
        code: "custom",
        path: ["organizationId"],
        message: "Choose the partner to review.",
      });
    if (v.assignment === "named" && v.reviewerIds.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["reviewerIds"],
        message: "Name at least one reviewer.",
      });
    if (v.reminderDaysBefore >= v.dueInDays)
      ctx.addIssue({
        code: "custom",
        path: ["reminderDaysBefore"],
        message: "Send the reminder before the due date (fewer days than the due period).",
      });
  });
export type TSchedule = z.infer<typeof ZSchedule>;

export const ZUpdateSchedule = z.object({ scheduleId: id("schedule"), schedule: ZSchedule });
export const ZOpenCampaign = z.object({ scheduleId: id("schedule") });
export const ZCloseCampaign = z.object({ campaignId: id("campaign") });
export const ZScheduleRef = z.object({ scheduleId: id("schedule") });
