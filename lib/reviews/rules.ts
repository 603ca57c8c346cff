// Pure decisions of periodic access reviews: which period a moment belongs to, when a schedule
// runs next, when a campaign is due, reminded, escalated and closed, and who reviews what.
import { covers, parseScope, PERM_WRITE } from "../scopes";

export type Cadence = "monthly" | "quarterly" | "semiannual" | "annual";
export type ScopeFilter = "all" | "system_and_write" | "organization" | "unused";
export type CloseAction = "flag" | "revoke";

const DAY = 86_400_000;
const MONTHS: Record<Cadence, number> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 };

/** Days after the due date before an open campaign is closed with its close policy. */
export const CLOSE_GRACE_DAYS = 7;

/** The first moment (UTC) of the period `at` falls in. */
export function periodStart(cadence: Cadence, at: Date): Date {
  const span = MONTHS[cadence];
  const month = Math.floor(at.getUTCMonth() / span) * span;
  return new Date(Date.UTC(at.getUTCFullYear(), month, 1));
}

/** A stable name for the period: 2026-11, 2026-Q4, 2026-H2 or 2026. One campaign per schedule and key. */
export function periodKey(cadence: Cadence, at: Date): string {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  switch (cadence) {
    case "monthly":
      return `${year}-${String(month + 1).padStart(2, "0")}`;
    case "quarterly":
      return `${year}-Q${Math.floor(month / 3) + 1}`;
    case "semiannual":
      return `${year}-H${Math.floor(month / 6) + 1}`;
    default:
      return String(year);
  }
}

/**
 * When the schedule runs next after running at `at`: the start of the following period. A schedule
 * that was missed for several periods (the portal was down) opens one campaign for the current
 * period and moves on, rather than a pile of stale ones.
 */
export function nextRunAfter(cadence: Cadence, at: Date): Date {
  const start = periodStart(cadence, at);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + MONTHS[cadence], 1));
}

export const isScheduleDue = (schedule: { active: boolean; nextRunAt: Date }, now: Date) =>
  schedule.active && schedule.nextRunAt.getTime() <= now.getTime();

export const dueAtFor = (openedAt: Date, dueInDays: number) =>
  new Date(openedAt.getTime() + dueInDays * DAY);
export const reminderAt = (dueAt: Date, daysBefore: number) =>
  new Date(dueAt.getTime() - daysBefore * DAY);
export const closeAtFor = (dueAt: Date) => new Date(dueAt.getTime() + CLOSE_GRACE_DAYS * DAY);

type CampaignClock = {
  status: "open" | "closed";
  dueAt: Date;
  remindedAt: Date | null;
  escalatedAt: Date | null;
};

/** What the tick should do to an open campaign now: at most one step per kind, each once. */
export function deadlineSteps(campaign: CampaignClock, reminderDaysBefore: number, now: Date) {
  const open = campaign.status === "open";
  const t = now.getTime();
  return {
    shouldRemind:
      open &&
      !campaign.remindedAt &&
      t >= reminderAt(campaign.dueAt, reminderDaysBefore).getTime() &&
      t < campaign.dueAt.getTime(),
    shouldEscalate: open && !campaign.escalatedAt && t >= campaign.dueAt.getTime(),
    shouldClose: open && t >= closeAtFor(campaign.dueAt).getTime(),
  };
}

/** What an item nobody answered becomes when its campaign closes. */
export const unansweredOutcome = (action: CloseAction) =>
  (action === "revoke" ? "auto_revoked" : "flagged") as "auto_revoked" | "flagged";

/**
 * Whether a grant belongs in a schedule's campaign by its scope (the same rule the opening SQL
 * applies; "unused" is decided by usage evidence, not by the scope).
 */
export function matchesScopeFilter(scope: string, filter: ScopeFilter): boolean {
  if (filter !== "system_and_write") return true;
  const parsed = parseScope(scope);
  return (
    parsed.kind === "clinical" && (parsed.context === "system" || (parsed.mask & PERM_WRITE) !== 0)
  );
}

export type Assignment = "named" | "round_robin" | "by_partner";

/**
 * The reviewer of the n-th grant (ordered by app, then grant) — the rule the opening SQL follows:
 * round robin deals grants out one by one; named keeps each app's grants with one reviewer;
 * by partner uses the partner's reviewer and deals out the rest round robin.
 */
export function assignReviewer(
  assignment: Assignment,
  reviewers: readonly string[],
  item: { index: number; appIndex: number; organizationId: string },
  partnerReviewers: Readonly<Record<string, string>> = {},
): string | null {
  if (assignment === "by_partner" && partnerReviewers[item.organizationId])
    return partnerReviewers[item.organizationId]!;
  if (reviewers.length === 0) return null;
  const n = assignment === "named" ? item.appIndex : item.index;
  return reviewers[n % reviewers.length]!;
}

/** Signals shown next to an item: each one a reason to look harder before certifying. */
export function itemSignals(item: {
  scope: string;
  appStatus: string;
  templateScopes: readonly string[] | null;
  hasEarlierReview: boolean;
  isStillGranted: boolean;
  /** Days without an allowed decision when past the policy's threshold, else null. */
  unusedForDays?: number | null;
  /** Days until the grant expires when within 30, else null. */
  expiresInDays?: number | null;
  /** The app's signing-key problems (backend apps' JWKS checks). */
  keyProblems?: readonly string[];
}) {
  const signals: { code: string; label: string }[] = [];
  if (item.unusedForDays != null)
    signals.push({ code: "unused", label: `Unused for ${item.unusedForDays}+ days` });
  if (item.expiresInDays != null)
    signals.push({ code: "expiring", label: `Expires in ${item.expiresInDays} day(s)` });
  for (const problem of item.keyProblems ?? [])
    signals.push({ code: "key_problem", label: `Key problem: ${problem}` });
  if (!item.isStillGranted) signals.push({ code: "no_longer_granted", label: "No longer granted" });
  if (item.appStatus === "suspended")
    signals.push({ code: "app_suspended", label: "App suspended" });
  if (item.templateScopes && !covers(item.templateScopes, item.scope))
    signals.push({ code: "broader_than_template", label: "Broader than its template" });
  if (!item.hasEarlierReview)
    signals.push({ code: "never_reviewed", label: "Never reviewed before" });
  return signals;
}

/** The one risk level a reviewer may certify in bulk. */
export const BULK_CERTIFIABLE_RISK = "low" as const;

export const REVIEW_DECISION_LABELS = {
  pending: "Not answered",
  certified: "Certified",
  revoked: "Revoked",
  narrowed: "Narrowed",
  flagged: "Flagged (unanswered)",
  auto_revoked: "Revoked (unanswered)",
} as const;

/**
 * A reviewer's campaigns in the order to work them: open before closed, most items left first,
 * then the soonest due; a fully answered campaign never sits above one with work left.
 */
export function byWorkLeft<
  T extends {
    status: "open" | "closed";
    dueAt: Date;
    progress: { total: number; decided: number };
  },
>(a: T, b: T): number {
  if (a.status !== b.status) return a.status === "open" ? -1 : 1;
  const left = (c: T) => c.progress.total - c.progress.decided;
  return left(b) - left(a) || a.dueAt.getTime() - b.dueAt.getTime();
}
