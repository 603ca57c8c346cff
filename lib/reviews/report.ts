// The evidence of a campaign for auditors: counts by decision, who decided what and when, what
// was revoked — as a printable page and as CSV (streamed in batches, any size).
import type { Db } from "../database/client";
import { neutralizeCell, toCsvLines } from "../audit/csv";
import { AppError } from "../errors";
import type { ReviewDecision } from "../generated/prisma/enums";
import { parseIdParam } from "../validation";
import { appOf, appsOf } from "./item-context";
import { REVIEW_DECISION_LABELS } from "./rules";

export const DECISIONS: ReviewDecision[] = [
  "certified",
  "revoked",
  "narrowed",
  "flagged",
  "auto_revoked",
  "pending",
];

export async function getCampaignReport(db: Db, campaignId: string) {
  campaignId = parseIdParam(campaignId, "That campaign");
  const campaign = await db.reviewCampaign.findUnique({
    where: { id: campaignId },
    include: { schedule: { select: { name: true, cadence: true } } },
  });
  if (!campaign) throw new AppError("NOT_FOUND", "That campaign was not found.");
  const [byDecision, byReviewer, removed] = await Promise.all([
    db.reviewItem.groupBy({ by: ["decision"], where: { campaignId }, _count: { _all: true } }),
    db.reviewItem.groupBy({
      by: ["decidedById", "decision"],
      where: { campaignId, decidedById: { not: null } },
      _count: { _all: true },
      _min: { decidedAt: true },
      _max: { decidedAt: true },
    }),
    db.reviewItem.findMany({
      where: { campaignId, decision: { in: ["revoked", "narrowed", "auto_revoked"] } },
      orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
      take: 1000,
      select: {
        id: true,
        scope: true,
        risk: true,
        decision: true,
        narrowedTo: true,
        reason: true,
        decidedAt: true,
        decidedById: true,
        appId: true,
      },
    }),
  ]);
  const apps = await appsOf(
    db,
    removed.map((r) => r.appId),
  );
  const people = await db.user.findMany({
    where: {
      id: {
        in: [
          ...new Set([
            ...byReviewer.map((r) => r.decidedById!),
            ...removed.flatMap((r) => (r.decidedById ? [r.decidedById] : [])),
          ]),
        ],
      },
    },
    select: { id: true, name: true, email: true },
  });
  const nameOf = (id: string | null) =>
    id ? (people.find((p) => p.id === id)?.name ?? "Former user") : "Close policy";
  const counts = Object.fromEntries(
    DECISIONS.map((d) => [d, byDecision.find((g) => g.decision === d)?._count._all ?? 0]),
  ) as Record<ReviewDecision, number>;
  const reviewers = [...new Set(byReviewer.map((r) => r.decidedById!))].map((id) => {
    const rows = byReviewer.filter((r) => r.decidedById === id);
    return {
      id,
      name: nameOf(id),
      email: people.find((p) => p.id === id)?.email ?? "",
      counts: Object.fromEntries(rows.map((r) => [r.decision, r._count._all])) as Partial<
        Record<ReviewDecision, number>
      >,
      first:
        rows
          .map((r) => r._min.decidedAt)
          .filter(Boolean)
          .sort((a, b) => a!.getTime() - b!.getTime())[0] ?? null,
      last:
        rows
          .map((r) => r._max.decidedAt)
          .filter(Boolean)
          .sort((a, b) => b!.getTime() - a!.getTime())[0] ?? null,
    };
  });
  return {
    campaign,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    reviewers,
    removed: removed.map(({ appId, ...r }) => ({
      ...r,
      app: appOf(apps, appId).name,
      partner: appOf(apps, appId).organization.name,
      decidedBy: nameOf(r.decidedById),
    })),
  };
}

export const REPORT_CSV_HEADER = [
  "campaign",
  "app",
  "partner",
  "scope",
  "risk",
  "grantedAt",
  "reviewer",
  "decision",
  "narrowedTo",
  "reason",
  "decidedBy",
  "decidedAt",
] as const;

/** Every item of the campaign, one CSV line each, in batches keyed by id. */
export async function* campaignCsvChunks(
  db: Db,
  campaignId: string,
  batchSize = 2000,
): AsyncGenerator<string> {
  const campaign = await db.reviewCampaign.findUnique({
    where: { id: campaignId },
    select: { name: true },
  });
  if (!campaign) throw new AppError("NOT_FOUND", "That campaign was not found.");
  yield `\ufeff${toCsvLines([[...REPORT_CSV_HEADER]])}`;
  const names = new Map<string, string>();
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.reviewItem.findMany({
      where: { campaignId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        scope: true,
        risk: true,
        grantedAt: true,
        reviewerId: true,
        decision: true,
        narrowedTo: true,
        reason: true,
        decidedById: true,
        decidedAt: true,
        appId: true,
      },
    });
    if (rows.length === 0) return;
    const apps = await appsOf(
      db,
      rows.map((r) => r.appId),
    );
    const missing = [
      ...new Set(
        rows
          .flatMap((r) => [r.reviewerId, r.decidedById])
          .filter((id): id is string => Boolean(id) && !names.has(id!)),
      ),
    ];
    for (const u of await db.user.findMany({
      where: { id: { in: missing } },
      select: { id: true, email: true },
    }))
      names.set(u.id, u.email);
    yield toCsvLines(
      rows.map((r) =>
        [
          campaign.name,
          appOf(apps, r.appId).name,
          appOf(apps, r.appId).organization.name,
          r.scope,
          r.risk,
          r.grantedAt?.toISOString() ?? "",
          r.reviewerId ? (names.get(r.reviewerId) ?? "") : "",
          REVIEW_DECISION_LABELS[r.decision],
          r.narrowedTo ?? "",
          r.reason ?? "",
          r.decidedById ? (names.get(r.decidedById) ?? "") : r.decidedAt ? "close policy" : "",
          r.decidedAt?.toISOString() ?? "",
        ].map(neutralizeCell),
      ),
    );
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

export function campaignCsvFilename(campaign: { name: string; openedAt: Date }) {
  const slug = campaign.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `scopewarden-review-${slug || "campaign"}-${campaign.openedAt.toISOString().slice(0, 10)}.csv`;
}
