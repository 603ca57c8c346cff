"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { bulkCertifyItems, decideReviewItem } from "@/lib/reviews/decide";
import { findLowRiskPendingIds } from "@/lib/reviews/queries";
import { runAction, type ActionState } from "@/lib/server/action";
import { domainContext } from "@/lib/server/domain-context";
import { deliverMailAfterResponse } from "@/lib/server/mailer";
import { z } from "zod";

const outcome = {
  certified: "Certified: the grant stays as it is.",
  revoked: "Revoked: the grant ended now and the partner has been told why.",
  narrowed: "Narrowed: the app now holds the narrower scope and the partner has been told.",
} as const;

export async function decideItemAction(payload: unknown): Promise<ActionState> {
  return runAction(undefined, async () => {
    const reviewer = await requireUser(["reviewer"]);
    const result = await decideReviewItem(getDb(), reviewer, payload, domainContext());
    if (result.decision !== "certified") deliverMailAfterResponse();
    revalidatePath("/reviews", "layout");
    return {
      status: "success",
      message: outcome[result.decision],
      data: { decision: result.decision },
    };
  });
}

const ZCampaignRef = z.object({ campaignId: z.uuid("That campaign was not found.") });

/** Certifies every pending low-risk item of the reviewer's in this campaign, in batches. */
export async function bulkCertifyLowRiskAction(payload: unknown): Promise<ActionState> {
  return runAction(undefined, async () => {
    const reviewer = await requireUser(["reviewer"]);
    const parsed = ZCampaignRef.safeParse(payload);
    if (!parsed.success) return { status: "error", message: "That campaign was not found." };
    const db = getDb();
    let certified = 0;
    for (;;) {
      const itemIds = await findLowRiskPendingIds(db, parsed.data.campaignId, reviewer.id);
      if (itemIds.length === 0) break;
      const result = await bulkCertifyItems(db, reviewer, {
        campaignId: parsed.data.campaignId,
        itemIds,
      });
      certified += result.certified;
      if (result.certified === 0) break;
    }
    revalidatePath("/reviews", "layout");
    if (certified === 0)
      return {
        status: "error",
        message: "No low-risk items are waiting for you in this campaign.",
      };
    return { status: "success", message: `Certified ${certified} low-risk item(s).` };
  });
}
