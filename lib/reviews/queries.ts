// Reviewer reads: my campaigns with progress, and one campaign's items, a server page at a time.
import type { Db } from "../database/client";
import { parseIdParam } from "../validation";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { ReviewDecision } from "../generated/prisma/enums";
import {
  explainScope,
  getTemplate,
  gradeRisk,
  parseScope,
  RISK_LEVELS,
  type RiskLevel,
} from "../scopes";
import { key, type KeysetOrder } from "../tables/keyset";
import { findKeysetPage, inOrder, type KeysetSpec } from "../tables/keyset-page";
import type { KeysetQuery, Page, Sort } from "../tables/query";
import { likePattern } from "../tables/sql";
import { getCurrentPolicy } from "../approvals/policy-versions";
import { unusedAfterDays } from "../policy";
import { findGrantUsage, usageOf, type GrantUsage } from "../usage/queries";
import { KEY_PROBLEM_LABELS } from "../jwks/analyze";
import { findKeyProblems } from "../jwks/queries";
import { isUnused, unusedSince, utcDay } from "../usage/rules";
import { appOf, appsOf, stillGranted } from "./item-context";
import { BULK_CERTIFIABLE_RISK, byWorkLeft, itemSignals } from "./rules";

export type Progress = { total: number; decided: number };
export const progressOf = (
  groups: { decision: ReviewDecision; _count: { _all: number } }[],
): Progress => ({
  total: groups.reduce((s, g) => s + g._count._all, 0),
  decided: groups.filter((g) => g.decision !== "pending").reduce((s, g) => s + g._count._all, 0),
});

export async function findMyCampaigns(db: Db, reviewerId: string, now = new Date()) {
  const groups = await db.reviewItem.groupBy({
    by: ["campaignId", "decision"],
    where: { reviewerId },
    _count: { _all: true },
  });
  const ids = [...new Set(groups.map((g) => g.campaignId))];
  const campaigns = await db.reviewCampaign.findMany({
    where: { id: { in: ids } },
    orderBy: [{ status: "asc" }, { openedAt: "desc" }],
    take: 50,
  });
  return campaigns
    .map((c) => ({
      ...c,
      isOverdue: c.status === "open" && c.dueAt < now,
      progress: progressOf(groups.filter((g) => g.campaignId === c.id)),
    }))
    .sort(byWorkLeft);
}

export type ItemSort = "risk" | "app" | "partner" | "scope";
export type ItemFilters = {
  status?: "pending" | "decided" | "all" | null;
  risk?: RiskLevel | null;
  /** "unused": only grants with no allowed decision since the policy's threshold. */
  usage?: "unused" | null;
};

/** The grant behind an item has had no allowed decision since `from` (a UTC day), and is older. */
export const unusedGrantSql = (from: string) => Prisma.sql`(i."grantedAt" < ${from}::date
  AND NOT EXISTS (SELECT 1 FROM "GrantUsageDay" u WHERE u."appScopeId" = i."appScopeId" AND u."day" >= ${from}::date))`;

export type ReviewItemRow = {
  id: string;
  scope: string;
  explanation: string;
  riskReasons: string[];
  risk: RiskLevel;
  decision: ReviewDecision;
  reason: string | null;
  narrowedTo: string | null;
  decidedAt: Date | null;
  grantedAt: Date | null;
  grantedBy: string | null;
  app: { id: string; name: string; status: string };
  partner: { id: string; name: string };
  lastReview: { decision: ReviewDecision; decidedAt: Date | null; campaignName: string } | null;
  signals: { code: string; label: string }[];
  usage: GrantUsage;
  expiresAt: Date | null;
};

const ITEMS_FROM = Prisma.sql`"ReviewItem" i
  JOIN "App" a ON a."id" = i."appId"
  JOIN "Organization" o ON o."id" = i."organizationId"`;
const byScope = [key.text(`i."scope"`), key.uuid(`i."id"`)];
// Each order has its index (ReviewItem_campaignId_reviewerId_<column>_…_idx).
const ITEM_ORDERS: Record<ItemSort, KeysetOrder["keys"]> = {
  risk: [
    key.enumOf(`i."risk"`, "RiskLevel", RISK_LEVELS),
    key.uuid(`i."appId"`),
    key.uuid(`i."id"`),
  ],
  scope: byScope,
  app: [key.text(`a."name"`), key.uuid(`a."id"`), ...byScope],
  partner: [key.text(`o."name"`), key.uuid(`o."id"`), ...byScope],
};

export function itemWhere(
  campaignId: string,
  reviewerId: string,
  query: { q: string; unusedFrom?: string } & ItemFilters,
): Prisma.Sql {
  const conditions = [
    Prisma.sql`i."campaignId" = ${campaignId}::uuid`,
    Prisma.sql`i."reviewerId" = ${reviewerId}::uuid`,
  ];
  if (query.status === "pending") conditions.push(Prisma.sql`i."decision" = 'pending'`);
  if (query.status === "decided") conditions.push(Prisma.sql`i."decision" <> 'pending'`);
  if (query.risk) conditions.push(Prisma.sql`i."risk" = ${query.risk}::"RiskLevel"`);
  if (query.usage === "unused" && query.unusedFrom)
    conditions.push(unusedGrantSql(query.unusedFrom));
  if (query.q) {
    const like = likePattern(query.q);
    conditions.push(
      Prisma.sql`(i."scope" LIKE ${like} OR a."name" ILIKE ${like} OR o."name" ILIKE ${like})`,
    );
  }
  return Prisma.join(conditions, " AND ");
}

/** Which of a reviewer's items a query reads, in which order. */
export function campaignItemsKeyset(
  campaignId: string,
  reviewerId: string,
  query: { q: string; sort: Sort<ItemSort>; unusedFrom?: string } & ItemFilters,
): KeysetSpec {
  const byName = query.sort.id === "app" || query.sort.id === "partner";
  return {
    id: `i."id"`,
    from: ITEMS_FROM,
    where: itemWhere(campaignId, reviewerId, query),
    sortId: `${query.sort.id}.${query.sort.desc ? "desc" : "asc"}`,
    order: { keys: ITEM_ORDERS[query.sort.id], desc: query.sort.desc, leading: byName ? 2 : 0 },
  };
}

/** A reviewer's items in one campaign, keyset-paged, each with the context to decide it. */
export async function findCampaignItems(
  db: Db,
  campaignId: string,
  reviewerId: string,
  query: KeysetQuery<ItemSort> & ItemFilters,
  now = new Date(),
): Promise<Page<ReviewItemRow>> {
  const unusedDays = unusedAfterDays((await getCurrentPolicy(db)).policy);
  const unusedFrom = utcDay(unusedSince(now, unusedDays));
  const spec = campaignItemsKeyset(campaignId, reviewerId, { ...query, unusedFrom });
  const { ids, frame } = await findKeysetPage(db, spec, query);
  const picked = await db.reviewItem.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      scope: true,
      risk: true,
      decision: true,
      reason: true,
      narrowedTo: true,
      decidedAt: true,
      grantedAt: true,
      grantedById: true,
      appScopeId: true,
      appId: true,
    },
  });
  const rows = inOrder(ids, picked);
  // The page's context: the grants' state, apps and partners, who granted, and earlier reviews.
  const [granted, apps, grantors, earlier, usage, grants, keyProblems] = await Promise.all([
    stillGranted(
      db,
      rows.map((r) => r.appScopeId),
    ),
    appsOf(
      db,
      rows.map((r) => r.appId),
    ),
    db.user.findMany({
      where: { id: { in: rows.flatMap((r) => (r.grantedById ? [r.grantedById] : [])) } },
      select: { id: true, name: true },
    }),
    db.reviewItem.findMany({
      where: {
        appScopeId: { in: rows.map((r) => r.appScopeId) },
        campaignId: { not: campaignId },
        decision: { not: "pending" },
      },
      orderBy: { decidedAt: "desc" },
      select: { appScopeId: true, decision: true, decidedAt: true, campaignId: true },
    }),
    findGrantUsage(
      db,
      rows.map((r) => r.appScopeId),
      now,
    ),
    db.appScope.findMany({
      where: { id: { in: rows.map((r) => r.appScopeId) } },
      select: { id: true, expiresAt: true },
    }),
    findKeyProblems(
      db,
      rows.map((r) => r.appId),
    ),
  ]);
  const expiries = new Map(grants.map((g) => [g.id, g.expiresAt]));
  const campaignNames = new Map(
    (
      await db.reviewCampaign.findMany({
        where: { id: { in: [...new Set(earlier.map((e) => e.campaignId))] } },
        select: { id: true, name: true },
      })
    ).map((c) => [c.id, c.name]),
  );
  return {
    ...frame,
    rows: rows.map((r) => {
      const parsed = parseScope(r.scope);
      const last = earlier.find((e) => e.appScopeId === r.appScopeId);
      const app = appOf(apps, r.appId);
      const used = usageOf(usage, r.appScopeId);
      const expiresAt = expiries.get(r.appScopeId) ?? null;
      const expiresIn = expiresAt
        ? Math.ceil((expiresAt.getTime() - now.getTime()) / 86_400_000)
        : null;
      return {
        id: r.id,
        scope: r.scope,
        explanation: explainScope(parsed),
        riskReasons: [...(gradeRisk(parsed)?.reasons ?? [])],
        risk: r.risk,
        decision: r.decision,
        reason: r.reason,
        narrowedTo: r.narrowedTo,
        decidedAt: r.decidedAt,
        grantedAt: r.grantedAt,
        grantedBy:
          grantors.find((g) => g.id === r.grantedById)?.name ??
          (r.grantedAt ? "Policy (automatic)" : null),
        app: { id: app.id, name: app.name, status: app.status },
        partner: app.organization,
        lastReview: last
          ? {
              decision: last.decision,
              decidedAt: last.decidedAt,
              campaignName: campaignNames.get(last.campaignId) ?? "",
            }
          : null,
        signals: itemSignals({
          scope: r.scope,
          appStatus: app.status,
          templateScopes: app.templateKey ? (getTemplate(app.templateKey)?.scopes ?? null) : null,
          hasEarlierReview: Boolean(last),
          isStillGranted: granted.has(r.appScopeId),
          unusedForDays: isUnused(
            { lastUsedAt: used.lastUsedAt, grantedAt: r.grantedAt },
            now,
            unusedDays,
          )
            ? unusedDays
            : null,
          expiresInDays: expiresIn !== null && expiresIn <= 30 ? Math.max(0, expiresIn) : null,
          keyProblems: (keyProblems.get(r.appId) ?? []).map(
            (code) => KEY_PROBLEM_LABELS[code] ?? code,
          ),
        }),
        usage: used,
        expiresAt,
      };
    }),
  };
}

/** FROM … WHERE of the reviewer's items that bulk certify may take: pending, low risk, still granted. */
const bulkCertifiableFrom = (campaignId: string, reviewerId: string) => Prisma.sql`
  FROM "ReviewItem" i JOIN "AppScope" s ON s."id" = i."appScopeId"
  WHERE i."campaignId" = ${campaignId}::uuid AND i."reviewerId" = ${reviewerId}::uuid
    AND i."decision" = 'pending' AND i."risk" = ${BULK_CERTIFIABLE_RISK}::"RiskLevel"
    AND s."state" = 'granted'`;

export async function getCampaignForReviewer(db: Db, campaignId: string, reviewerId: string) {
  campaignId = parseIdParam(campaignId, "That campaign");
  const campaign = await db.reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new AppError("NOT_FOUND", "That campaign was not found.");
  const groups = await db.reviewItem.groupBy({
    by: ["decision"],
    where: { campaignId, reviewerId },
    _count: { _all: true },
  });
  if (groups.length === 0) throw new AppError("NOT_FOUND", "That campaign was not found.");
  const [{ lowRiskPending }] = await db.$queryRaw<[{ lowRiskPending: number }]>`
    SELECT count(*)::int AS "lowRiskPending" ${bulkCertifiableFrom(campaignId, reviewerId)}`;
  return { campaign, progress: progressOf(groups), lowRiskPending };
}

/** Ids of the reviewer's pending low-risk items (for bulk certify), up to one batch. */
export async function findLowRiskPendingIds(
  db: Db,
  campaignId: string,
  reviewerId: string,
  take = 500,
) {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT i."id" ${bulkCertifiableFrom(campaignId, reviewerId)} ORDER BY i."id" LIMIT ${take}`;
  return rows.map((r) => r.id);
}
