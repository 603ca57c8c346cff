import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { findCampaignItems, getCampaignForReviewer, ITEM_SORTABLE } from "@/lib/reviews/queries";
import { RISK_LEVELS } from "@/lib/scopes";
import { parseEnumFilter, parseTableQuery } from "@/lib/tables/query";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ReviewItems } from "./_components/review-items";

export const metadata: Metadata = { title: "Review campaign" };

type Props = {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ReviewCampaignPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const user = await requirePageUser(["reviewer"], `/reviews/${campaignId}`);
  const db = getDb();
  const header = await getCampaignForReviewer(db, campaignId, user.id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const raw = await searchParams;
  const query = parseTableQuery(raw, {
    sortable: ITEM_SORTABLE,
    defaultSort: { id: "risk", desc: true },
  });
  const status =
    parseEnumFilter(raw, "status", ["pending", "decided"] as const) ??
    (raw.status === "all" ? undefined : "pending");
  const page = await findCampaignItems(db, campaignId, user.id, {
    ...query,
    status,
    risk: parseEnumFilter(raw, "risk", RISK_LEVELS),
  });
  const { campaign, progress } = header;
  const isOpen = campaign.status === "open";
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={
          isOpen
            ? `Due ${formatDate(campaign.dueAt)}. Unanswered items are ${campaign.closeAction === "revoke" ? "revoked" : "flagged for the admins"} when the campaign closes.`
            : `Closed ${formatDate(campaign.closedAt)}.`
        }
        actions={
          <>
            <Badge tone={isOpen ? "blue" : "neutral"}>{isOpen ? "Open" : "Closed"}</Badge>
            <ButtonLink href="/reviews" variant="secondary" size="sm">
              All my reviews
            </ButtonLink>
          </>
        }
      />
      <ProgressBar
        className="mb-6 max-w-xl"
        done={progress.decided}
        total={progress.total}
        label="Your progress in this campaign"
      />
      <ReviewItems
        campaignId={campaign.id}
        isOpen={isOpen}
        page={page}
        sort={query.sort}
        status={status ?? "all"}
        lowRiskPending={header.lowRiskPending}
      />
    </>
  );
}
