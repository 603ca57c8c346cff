// Opening a campaign: one set-based INSERT … SELECT snapshots every grant in scope as a review
// item, with its reviewer computed in SQL (the rule in rules.ts#assignReviewer), so 100,000
// grants open in one statement instead of 100,000 round trips.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db, Tx } from "../database/client";
import { recordAudit, type AuditActor } from "../audit/service";
import type { ReviewSchedule } from "../generated/prisma/client";
import { formatDate } from "../format";
import type { NotifyContext } from "../notifications/service";
import { AppError } from "../errors";
import { parseOrThrow } from "../validation";
import { notifyUsers } from "./notify";
import { dueAtFor, nextRunAfter, periodKey } from "./rules";
import { ZOpenCampaign } from "./schemas";
import { getCurrentPolicy } from "../approvals/policy-versions";
import { DEFAULT_UNUSED_AFTER_DAYS, unusedAfterDays } from "../policy";
import { unusedSince, utcDay } from "../usage/rules";

export const SYSTEM_ACTOR: AuditActor = { type: "system", label: "access-review schedule" };
const LONG_TX = { timeout: 120_000, maxWait: 30_000 };

// Fixed fragments chosen by enum value, never built from input.
const FILTER_SQL = {
  all: "TRUE",
  system_and_write: `(s."scope" LIKE 'system/%' OR s."scope" ~ '^(patient|user)/[A-Za-z*]+\\.[cruds]*[cud]')`,
  organization: "TRUE",
  // Granted before the threshold and no allowed decision since ($7: the first day that counts).
  unused: `(s."grantedAt" < $7::date AND NOT EXISTS (SELECT 1 FROM "GrantUsageDay" u WHERE u."appScopeId" = s."id" AND u."day" >= $7::date))`,
} as const;

/** The reviewers a schedule deals items to: its named ones still active, or every active reviewer. */
async function reviewerPool(
  tx: Tx,
  schedule: Pick<ReviewSchedule, "reviewerIds">,
): Promise<string[]> {
  const active = await tx.user.findMany({
    where: { role: "reviewer", status: "active" },
    select: { id: true },
    orderBy: { email: "asc" },
  });
  const ids = new Set(active.map((u) => u.id));
  const named = schedule.reviewerIds.filter((id) => ids.has(id));
  return named.length > 0 ? named : schedule.reviewerIds.length > 0 ? [] : [...ids];
}

type OpenOptions = {
  now: Date;
  periodKey: string | null;
  actor: Actor | null;
  ctx?: NotifyContext;
};

/** Opens one campaign for the schedule; null when the campaign of that period exists already. */
export async function openCampaignInTx(
  tx: Tx,
  schedule: ReviewSchedule,
  options: OpenOptions,
): Promise<{ campaignId: string; items: number } | null> {
  const { now } = options;
  const name = options.periodKey
    ? `${schedule.name} — ${options.periodKey}`
    : `${schedule.name} — opened ${formatDate(now)}`;
  const dueAt = dueAtFor(now, schedule.dueInDays);
  const [campaign] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "ReviewCampaign" ("scheduleId", "periodKey", "name", "closeAction", "openedAt", "dueAt", "openedById")
    VALUES (${schedule.id}::uuid, ${options.periodKey}, ${name}, ${schedule.closeAction}::"CloseAction", ${now}, ${dueAt}, ${options.actor?.id ?? null}::uuid)
    ON CONFLICT ("scheduleId", "periodKey") DO NOTHING
    RETURNING "id"`;
  if (!campaign) return null;

  const reviewers = await reviewerPool(tx, schedule);
  const unusedDays =
    schedule.scopeFilter === "unused"
      ? unusedAfterDays((await getCurrentPolicy(tx)).policy)
      : DEFAULT_UNUSED_AFTER_DAYS;
  // The assignment sorts every grant in scope; enough memory keeps that sort off the disk.
  await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
  const partnerMap =
    schedule.assignment === "by_partner" ? JSON.stringify(schedule.partnerReviewers ?? {}) : "{}";
  // The per-reviewer counts come from the inserted rows themselves, not from a second scan of them.
  const perReviewer = await tx.$queryRawUnsafe<{ reviewerId: string | null; items: number }[]>(
    `WITH reviewers AS (
       SELECT r.id::uuid AS id, (r.ord - 1)::int AS k FROM unnest($1::text[]) WITH ORDINALITY AS r(id, ord)
     ), partner_map AS (
       SELECT p.key::uuid AS org, p.value::uuid AS reviewer FROM jsonb_each_text($2::jsonb) AS p
       JOIN "User" u ON u."id" = p.value::uuid AND u."role" = 'reviewer' AND u."status" = 'active'
     ), grants AS (
       SELECT s."id", s."appId", a."organizationId", s."scope", s."risk", s."grantedAt", s."grantedById",
              row_number() OVER (ORDER BY s."appId", s."id") - 1 AS n,
              dense_rank() OVER (ORDER BY s."appId") - 1 AS an
       FROM "AppScope" s JOIN "App" a ON a."id" = s."appId"
       WHERE s."state" = 'granted' AND ${FILTER_SQL[schedule.scopeFilter]} AND ($4::uuid IS NULL OR a."organizationId" = $4::uuid) AND $7::date IS NOT NULL
     ), inserted AS (
       INSERT INTO "ReviewItem" ("campaignId", "appScopeId", "appId", "organizationId", "reviewerId", "scope", "risk", "grantedAt", "grantedById")
       SELECT $3::uuid, g."id", g."appId", g."organizationId", COALESCE(pm.reviewer, r.id), g."scope", g."risk", g."grantedAt", g."grantedById"
       FROM grants g
       LEFT JOIN partner_map pm ON pm.org = g."organizationId"
       LEFT JOIN reviewers r ON $5::int > 0 AND r.k = (CASE WHEN $6::text = 'named' THEN g.an ELSE g.n END) % GREATEST($5::int, 1)
       RETURNING "reviewerId"
     )
     SELECT "reviewerId", count(*)::int AS "items" FROM inserted GROUP BY "reviewerId"`,
    reviewers,
    partnerMap,
    campaign.id,
    schedule.scopeFilter === "organization" ? schedule.organizationId : null,
    reviewers.length,
    schedule.assignment,
    utcDay(unusedSince(now, unusedDays)),
  );

  const items = perReviewer.reduce((sum, group) => sum + group.items, 0);
  for (const group of perReviewer) {
    if (!group.reviewerId) continue;
    await notifyUsers(
      tx,
      [group.reviewerId],
      {
        kind: "review.assigned",
        title: `Access review: ${group.items} grant(s) to review`,
        body: `${name} opened. Certify, revoke or narrow each grant by ${formatDate(dueAt)}.`,
        link: `/reviews/${campaign.id}`,
      },
      options.ctx,
    );
  }
  await recordAudit(tx, {
    actor: options.actor ? auditActorOf(options.actor) : SYSTEM_ACTOR,
    action: "review.campaign_opened",
    entityType: "ReviewCampaign",
    entityId: campaign.id,
    after: {
      name,
      scheduleId: schedule.id,
      periodKey: options.periodKey,
      items,
      dueAt: dueAt.toISOString(),
      unassigned: perReviewer.find((g) => !g.reviewerId)?.items ?? 0,
    },
    at: now,
  });
  return { campaignId: campaign.id, items };
}

/**
 * Opens the campaigns of every schedule whose next run has come — including runs missed while the
 * portal was down. The schedule row is locked (others skip it) and the campaign key is unique per
 * period, so two workers or a rerun after a crash open it exactly once.
 */
export async function openDueCampaigns(
  db: Db,
  now: Date,
  ctx: NotifyContext = {},
): Promise<string[]> {
  const due = await db.reviewSchedule.findMany({
    where: { active: true, nextRunAt: { lte: now } },
    select: { id: true },
    orderBy: { nextRunAt: "asc" },
  });
  const opened: string[] = [];
  for (const { id } of due) {
    const result = await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "ReviewSchedule" WHERE "id" = ${id}::uuid AND "active" AND "nextRunAt" <= ${now} FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return null;
      const schedule = await tx.reviewSchedule.findUniqueOrThrow({ where: { id } });
      const campaign = await openCampaignInTx(tx, schedule, {
        now,
        periodKey: periodKey(schedule.cadence, now),
        actor: null,
        ctx,
      });
      await tx.reviewSchedule.update({
        where: { id },
        data: { lastRunAt: now, nextRunAt: nextRunAfter(schedule.cadence, now) },
      });
      return campaign;
    }, LONG_TX);
    if (result) opened.push(result.campaignId);
  }
  return opened;
}

/** An admin opens a campaign now with a schedule's settings, outside its period rhythm. */
export async function openCampaignNow(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZOpenCampaign>,
  ctx: NotifyContext & { now?: Date } = {},
) {
  assertRole(actor, "admin");
  const { scheduleId } = parseOrThrow(ZOpenCampaign, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const schedule = await tx.reviewSchedule.findUnique({ where: { id: scheduleId } });
    if (!schedule) throw new AppError("NOT_FOUND", "That schedule was not found.");
    return (await openCampaignInTx(tx, schedule, { now, periodKey: null, actor, ctx }))!;
  }, LONG_TX);
}
