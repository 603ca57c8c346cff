// Reviewer reads: my campaigns with progress, and one campaign's items, a server page at a time.
import type { Db } from "../database/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { ReviewDecision, RiskLevel } from "../generated/prisma/enums";
import { explainScope, getTemplate, gradeRisk, parseScope } from "../scopes";
import { pageOf, skipOf, type Page, type TableQuery } from "../tables/query";
import { parseIdParam } from "../validation";
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

function itemOrder(sort: {
  id: ItemSort;
  desc: boolean;
}): Prisma.ReviewItemOrderByWithRelationInput[] {
  const dir = sort.desc ? "desc" : "asc";
  switch (sort.id) {
    case "app":
      return [{ appScope: { app: { name: dir } } }, { scope: "asc" }, { id: "asc" }];
    case "partner":
      return [
        { appScope: { app: { organization: { name: dir } } } },
        { scope: "asc" },
        { id: "asc" },
      ];
    case "scope":
      return [{ scope: dir }, { id: "asc" }];
    default:
      return [{ risk: dir }, { appId: "asc" }, { id: "asc" }];
  }
}

export function itemWhere(
  campaignId: string,
  reviewerId: string | null,
  query: { q: string } & ItemFilters,
): Prisma.ReviewItemWhereInput {
  return {
    campaignId,
    ...(reviewerId ? { reviewerId } : {}),
    ...(query.status === "pending"
      ? { decision: "pending" }
      : query.status === "decided"
        ? { decision: { not: "pending" } }
        : {}),
    ...(query.risk ? { risk: query.risk } : {}),
    ...(query.q
      ? {
          OR: [
            { scope: { contains: query.q } },
            { appScope: { app: { name: { contains: query.q, mode: "insensitive" } } } },
            {
              appScope: {
                app: { organization: { name: { contains: query.q, mode: "insensitive" } } },
              },
            },
          ],
        }
      : {}),
  };
}

export async function findCampaignItems(
  db: Db,
  campaignId: string,
  reviewerId: string | null,
  query: TableQuery<ItemSort> & ItemFilters,
): Promise<Page<ReviewItemRow>> {
  const where = itemWhere(campaignId, reviewerId, query);
  const [rows, total] = await Promise.all([
    db.reviewItem.findMany({
      where,
      orderBy: itemOrder(query.sort),
      skip: skipOf(query),
      take: query.perPage,
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
        appScope: {
          select: {
            state: true,
            app: {
              select: {
                id: true,
                name: true,
                status: true,
                templateKey: true,
                organization: { select: { id: true, name: true } },
              },
            },
          },
        },
      },
    }),
    db.reviewItem.count({ where }),
  ]);
  // The page's context in two reads: who granted, and each grant's previous review.
  const grantors = await db.user.findMany({
    where: { id: { in: rows.flatMap((r) => (r.grantedById ? [r.grantedById] : [])) } },
    select: { id: true, name: true },
  });
  const earlier = await db.reviewItem.findMany({
    where: {
      appScopeId: { in: rows.map((r) => r.appScopeId) },
      campaignId: { not: campaignId },
      decision: { not: "pending" },
    },
    orderBy: { decidedAt: "desc" },
    select: {
      appScopeId: true,
      decision: true,
      decidedAt: true,
      campaign: { select: { name: true } },
    },
  });
  return pageOf(
    rows.map((r) => {
      const parsed = parseScope(r.scope);
      const last = earlier.find((e) => e.appScopeId === r.appScopeId);
      const app = r.appScope.app;
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
          ? { decision: last.decision, decidedAt: last.decidedAt, campaignName: last.campaign.name }
          : null,
        signals: itemSignals({
          scope: r.scope,
          appStatus: app.status,
          templateScopes: app.templateKey ? (getTemplate(app.templateKey)?.scopes ?? null) : null,
          hasEarlierReview: Boolean(last),
          isStillGranted: r.appScope.state === "granted",
        }),
      };
    }),
    total,
    query,
  );
}

/** The reviewer's items that bulk certify may take: pending, low risk, still granted. */
const bulkCertifiableWhere = (
  campaignId: string,
  reviewerId: string,
): Prisma.ReviewItemWhereInput => ({
  campaignId,
  reviewerId,
  decision: "pending",
  risk: BULK_CERTIFIABLE_RISK,
  appScope: { state: "granted" },
});

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
  const lowRiskPending = await db.reviewItem.count({
    where: bulkCertifiableWhere(campaignId, reviewerId),
  });
  return { campaign, progress: progressOf(groups), lowRiskPending };
}

/** Ids of the reviewer's pending low-risk items (for bulk certify), up to one batch. */
export async function findLowRiskPendingIds(
  db: Db,
  campaignId: string,
  reviewerId: string,
  take = 500,
) {
  const rows = await db.reviewItem.findMany({
    where: bulkCertifiableWhere(campaignId, reviewerId),
    select: { id: true },
    orderBy: { id: "asc" },
    take,
  });
  return rows.map((r) => r.id);
}
