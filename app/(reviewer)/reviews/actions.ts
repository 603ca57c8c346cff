"use server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { bulkCertifyItems, decideReviewItem } from "@/lib/reviews/decide";
import { bulkRevokeUnusedItems } from "@/lib/reviews/revoke-unused";
import { findLowRiskPendingIds } from "@/lib/reviews/queries";
import { ZBulkRevokeUnused, ZItemDecision } from "@/lib/reviews/schemas";
import { reviewerAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";

const outcome = {
  certified: "Certified: the grant stays as it is.",
  revoked: "Revoked: the grant ended now and the partner has been told why.",
  narrowed: "Narrowed: the app now holds the narrower scope and the partner has been told.",
} as const;

export const decideItemAction = reviewerAction(
  ZItemDecision,
  async ({ user, input, revalidate }) => {
    const result = await decideReviewItem(getDb(), user, input, domainContext());
    revalidate("/reviews", "layout");
    return { message: outcome[result.decision], data: { decision: result.decision } };
  },
);

const ZCampaignRef = z.object({ campaignId: z.uuid("That campaign was not found.") });

/** Certifies every pending low-risk item of the reviewer's in this campaign, in batches. */
export const bulkCertifyLowRiskAction = reviewerAction(
  ZCampaignRef,
  async ({ user, input, revalidate }) => {
    const db = getDb();
    let certified = 0;
    for (;;) {
      const itemIds = await findLowRiskPendingIds(db, input.campaignId, user.id);
      if (itemIds.length === 0) break;
      const result = await bulkCertifyItems(db, user, { campaignId: input.campaignId, itemIds });
      certified += result.certified;
      if (result.certified === 0) break;
    }
    revalidate("/reviews", "layout");
    if (certified === 0)
      throw new AppError("CONFLICT", "No low-risk items are waiting for you in this campaign.");
    return { message: `Certified ${certified} low-risk item(s).` };
  },
);

/** Revokes every unused grant waiting for the reviewer in this campaign, with one reason. */
export const bulkRevokeUnusedAction = reviewerAction(
  ZBulkRevokeUnused,
  async ({ user, input, revalidate }) => {
    const result = await bulkRevokeUnusedItems(getDb(), user, input, domainContext());
    revalidate("/reviews", "layout");
    if (result.revoked === 0)
      throw new AppError("CONFLICT", "No unused grants are waiting for you in this campaign.");
    return {
      message: `Revoked ${result.revoked} unused grant(s); the partners have been told why.`,
    };
  },
);
