// Reviewer reads: my campaigns with progress, and one campaign's items, a server page at a time.
import type { Db } from "../database/client";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { ReviewDecision, RiskLevel } from "../generated/prisma/enums";
import { explainScope, getTemplate, gradeRisk, parseScope } from "../scopes";
import { pageOf, skipOf, type Page, type TableQuery } from "../tables/query";
import { appOf, appsOf, stillGranted } from "./item-context";
import { BULK_CERTIFIABLE_RISK, itemSignals } from "./rules";

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
  return campaigns.map((c) => ({
    ...c,
    isOverdue: c.status === "open" && c.dueAt < now,
    progress: progressOf(groups.filter((g) => g.campaignId === c.id)),
  }));
}

export const ITEM_SORTABLE = ["risk", "app", "partner", "scope"] as const;
export type ItemSort = (typeof ITEM_SORTABLE)[number];
export type ItemFilters = { status?: "pending" | "decided"; risk?: RiskLevel };

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
};

/** ORDER BY for a sort: always ending in the id, so pages never overlap. */
function itemOrder(sort: { id: ItemSort; desc: boolean }): Prisma.Sql {
  const dir = Prisma.raw(sort.desc ? "DESC" : "ASC");
  switch (sort.id) {
    case "app":
      return Prisma.sql`a."name" ${dir}, i."scope" ASC, i."id" ASC`;
    case "partner":
      return Prisma.sql`o."name" ${dir}, i."scope" ASC, i."id" ASC`;
    case "scope":
      return Prisma.sql`i."scope" ${dir}, i."id" ASC`;
    default:
      return Prisma.sql`i."risk" ${dir}, i."appId" ASC, i."id" ASC`;
  }
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/** FROM … WHERE of a campaign's items: the app and partner are joined for search and sorting. */
function itemsFrom(
  campaignId: string,
  reviewerId: string | null,
  query: { q: string } & ItemFilters,
): Prisma.Sql {
  const pattern = likePattern(query.q);
  return Prisma.sql`
    FROM "ReviewItem" i
    JOIN "App" a ON a."id" = i."appId"
    JOIN "Organization" o ON o."id" = a."organizationId"
    WHERE i."campaignId" = ${campaignId}::uuid
    ${reviewerId ? Prisma.sql`AND i."reviewerId" = ${reviewerId}::uuid` : Prisma.empty}
    ${
      query.status === "pending"
        ? Prisma.sql`AND i."decision" = 'pending'`
        : query.status === "decided"
          ? Prisma.sql`AND i."decision" <> 'pending'`
          : Prisma.empty
    }
    ${query.risk ? Prisma.sql`AND i."risk" = ${query.risk}::"RiskLevel"` : Prisma.empty}
    ${
      query.q
        ? Prisma.sql`AND (i."scope" LIKE ${pattern} OR a."name" ILIKE ${pattern} OR o."name" ILIKE ${pattern})`
        : Prisma.empty
    }`;
}

export async function findCampaignItems(
  db: Db,
  campaignId: string,
  reviewerId: string | null,
  query: TableQuery<ItemSort> & ItemFilters,
): Promise<Page<ReviewItemRow>> {
  const from = itemsFrom(campaignId, reviewerId, query);
  const [page, [{ total }]] = (await Promise.all([
    db.$queryRaw<{ id: string }[]>`
      SELECT i."id" ${from} ORDER BY ${itemOrder(query.sort)}
      LIMIT ${query.perPage} OFFSET ${skipOf(query)}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" ${from}`,
  ])) as [{ id: string }[], [{ total: number }]];
  const found = await db.reviewItem.findMany({
    where: { id: { in: page.map((p) => p.id) } },
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
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = page.flatMap((p) => byId.get(p.id) ?? []);
  // The page's context: the grants' state, apps and partners, who granted, and earlier reviews.
  const [granted, apps, grantors, earlier] = await Promise.all([
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
  ]);
  const campaignNames = new Map(
    (
      await db.reviewCampaign.findMany({
        where: { id: { in: [...new Set(earlier.map((e) => e.campaignId))] } },
        select: { id: true, name: true },
      })
    ).map((c) => [c.id, c.name]),
  );
  return pageOf(
    rows.map((r) => {
      const parsed = parseScope(r.scope);
      const last = earlier.find((e) => e.appScopeId === r.appScopeId);
      const app = appOf(apps, r.appId);
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
        }),
      };
    }),
    total,
    query,
  );
}

/** FROM … WHERE of the reviewer's items that bulk certify may take: pending, low risk, still granted. */
const bulkCertifiableFrom = (campaignId: string, reviewerId: string) => Prisma.sql`
  FROM "ReviewItem" i JOIN "AppScope" s ON s."id" = i."appScopeId"
  WHERE i."campaignId" = ${campaignId}::uuid AND i."reviewerId" = ${reviewerId}::uuid
    AND i."decision" = 'pending' AND i."risk" = ${BULK_CERTIFIABLE_RISK}::"RiskLevel"
    AND s."state" = 'granted'`;

export async function getCampaignForReviewer(db: Db, campaignId: string, reviewerId: string) {
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
