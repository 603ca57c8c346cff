import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { findCampaignItems, getCampaignForReviewer } from "@/lib/reviews/queries";
import { countUnusedPending } from "@/lib/reviews/revoke-unused";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ReviewItems } from "./_components/review-items";
import { reviewItemsUrl } from "./search-params";

export const metadata: Metadata = { title: "Review campaign" };

type Props = {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<SearchParams>;
};

export default async function ReviewCampaignPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const user = await requirePageUser(["reviewer"], `/reviews/${campaignId}`);
  const db = getDb();
  const header = await getCampaignForReviewer(db, campaignId, user.id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const url = await reviewItemsUrl.load(searchParams);
  const now = new Date();
  const [page, unusedPending] = await Promise.all([
    findCampaignItems(db, campaignId, user.id, url, now),
    header.campaign.status === "open"
      ? countUnusedPending(db, header.campaign.id, user.id, now)
      : 0,
  ]);
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
        status={url.status}
        lowRiskPending={header.lowRiskPending}
        unusedPending={unusedPending}
        now={now}
      />
    </>
  );
}
