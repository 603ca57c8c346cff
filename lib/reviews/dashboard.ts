// The admins' view of access reviews: open campaigns with progress, closed ones with the grants
// they covered by risk (the trend over time), and the schedules.
import type { Db } from "../database/client";
import type { RiskLevel } from "../generated/prisma/enums";
import { RISK_LEVELS } from "../scopes";
import { progressOf } from "./queries";

export type RiskPoint = { campaignId: string; name: string; closedAt: string } & Record<
  RiskLevel,
  number
>;

export async function getReviewDashboard(db: Db, now = new Date()) {
  const [open, closed, schedules, reviewers, partners] = await Promise.all([
    db.reviewCampaign.findMany({ where: { status: "open" }, orderBy: { dueAt: "asc" }, take: 50 }),
    db.reviewCampaign.findMany({
      where: { status: "closed" },
      orderBy: { closedAt: "desc" },
      take: 24,
    }),
    db.reviewSchedule.findMany({
      orderBy: [{ active: "desc" }, { name: "asc" }],
      include: { _count: { select: { campaigns: true } } },
    }),
    db.user.findMany({
      where: { role: "reviewer", status: "active" },
      select: { id: true, name: true, email: true },
      orderBy: { name: "asc" },
    }),
    db.organization.findMany({
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
  ]);
  const [openGroups, riskGroups, unassigned] = await Promise.all([
    db.reviewItem.groupBy({
      by: ["campaignId", "decision"],
      where: { campaignId: { in: open.map((c) => c.id) } },
      _count: { _all: true },
    }),
    db.reviewItem.groupBy({
      by: ["campaignId", "risk"],
      where: { campaignId: { in: closed.map((c) => c.id) } },
      _count: { _all: true },
    }),
    db.reviewItem.groupBy({
      by: ["campaignId"],
      where: { campaignId: { in: open.map((c) => c.id) }, reviewerId: null },
      _count: { _all: true },
    }),
  ]);
  const riskHistory: RiskPoint[] = [...closed].reverse().map((c) => {
    const count = (risk: RiskLevel) =>
      riskGroups.find((g) => g.campaignId === c.id && g.risk === risk)?._count._all ?? 0;
    return {
      campaignId: c.id,
      name: c.periodKey ?? c.name,
      closedAt: c.closedAt!.toISOString(),
      ...(Object.fromEntries(RISK_LEVELS.map((level) => [level, count(level)])) as Record<
        RiskLevel,
        number
      >),
    };
  });
  return {
    open: open.map((c) => ({
      ...c,
      isOverdue: c.dueAt < now,
      progress: progressOf(openGroups.filter((g) => g.campaignId === c.id)),
      unassigned: unassigned.find((u) => u.campaignId === c.id)?._count._all ?? 0,
    })),
    closed,
    riskHistory,
    schedules,
    reviewers,
    partners,
  };
}
