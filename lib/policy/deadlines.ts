// Response targets: how many business days an administrator has to decide a pending request,
// by app type, scope context or risk, with a holiday calendar. Business-day arithmetic is
// date-fns's; the holidays are a list of ISO dates (UTC days) the policy keeps.
import { addBusinessDays, isWeekend } from "date-fns";
import { z } from "zod";
import type { AppType, RiskLevel, ScopeContext } from "../scopes/types";

export const ZResponseTargetRule = z.strictObject({
  appTypes: z
    .array(z.enum(["patient", "provider", "backend"]))
    .min(1)
    .optional(),
  contexts: z
    .array(z.enum(["patient", "user", "system"]))
    .min(1)
    .optional(),
  risks: z
    .array(z.enum(["low", "medium", "high", "critical"]))
    .min(1)
    .optional(),
  businessDays: z
    .number()
    .int()
    .min(1, "A response target is at least 1 business day.")
    .max(120, "A response target is at most 120 business days."),
});

export const ZResponseTargets = z.strictObject({
  /** First matching rule wins; none matching: defaultBusinessDays. */
  rules: z.array(ZResponseTargetRule).max(50),
  defaultBusinessDays: z.number().int().min(1).max(120),
  holidays: z
    .array(z.iso.date({ error: "Holidays are dates written YYYY-MM-DD." }))
    .max(500)
    .default([]),
});
export type ResponseTargets = z.output<typeof ZResponseTargets>;

/** US federal holidays (observed) 2026–2027: the calendar ONC's business-day reading assumes. */
export const US_FEDERAL_HOLIDAYS = [
  "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
  "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25",
  "2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05",
  "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31",
]; // prettier-ignore

export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
  rules: [
    { contexts: ["system"], businessDays: 15 },
    { appTypes: ["patient"], businessDays: 10 },
  ],
  defaultBusinessDays: 10,
  holidays: US_FEDERAL_HOLIDAYS,
};

export type TargetSubject = { appType: AppType; context: ScopeContext | null; risk: RiskLevel };

export function responseTargetDays(targets: ResponseTargets, subject: TargetSubject): number {
  const rule = targets.rules.find(
    (r) =>
      (!r.appTypes || r.appTypes.includes(subject.appType)) &&
      (!r.contexts || (subject.context !== null && r.contexts.includes(subject.context))) &&
      (!r.risks || r.risks.includes(subject.risk)),
  );
  return rule?.businessDays ?? targets.defaultBusinessDays;
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** `start` plus `days` business days, skipping weekends and the calendar's weekday holidays. */
export function addWorkingDays(start: Date, days: number, holidays: readonly string[]): Date {
  const startDay = dayOf(start);
  const weekdayHolidays = holidays.filter((h) => !isWeekend(new Date(`${h}T12:00:00Z`)));
  const skippedBy = (due: Date) =>
    weekdayHolidays.filter((h) => h > startDay && h <= dayOf(due)).length;
  // Each holiday passed costs one more business day; pushing on may pass another one.
  let due = addBusinessDays(start, days);
  let skipped = 0;
  for (let now = skippedBy(due); now > skipped; now = skippedBy(due)) {
    due = addBusinessDays(due, now - skipped);
    skipped = now;
  }
  return due;
}

export function dueDateFor(targets: ResponseTargets, subject: TargetSubject, requestedAt: Date) {
  return addWorkingDays(requestedAt, responseTargetDays(targets, subject), targets.holidays);
}

export type DeadlineStatus = "on_track" | "due_soon" | "overdue";

/** Due soon: within one business day of now. */
export function deadlineStatus(
  dueAt: Date,
  now: Date,
  holidays: readonly string[] = [],
): DeadlineStatus {
  if (dueAt.getTime() <= now.getTime()) return "overdue";
  return addWorkingDays(now, 1, holidays).getTime() >= dueAt.getTime() ? "due_soon" : "on_track";
}
