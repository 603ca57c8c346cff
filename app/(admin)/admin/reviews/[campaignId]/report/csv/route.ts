import { requireUser } from "@/lib/auth/current-user";
import { recordAudit } from "@/lib/audit/service";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { campaignCsvChunks, campaignCsvFilename } from "@/lib/reviews/report";
import { requestIp } from "@/lib/server/request";
import { downloadResponse, downloadRoute } from "@/lib/http/route";
import { byteStreamOf } from "@/lib/streams";
import { auditActorOf } from "@/lib/actor";
import { parseIdParam } from "@/lib/validation";

/**
 * Every item of a campaign as CSV for auditors; admins only, and the export itself is audited, so
 * it answers a POST (the page's form) and never a GET.
 */
export const POST = downloadRoute(
  async (_request: Request, { params }: { params: Promise<{ campaignId: string }> }) => {
    const admin = await requireUser(["admin"]);
    const campaignId = parseIdParam((await params).campaignId, "That campaign");
    const db = getDb();
    const campaign = await db.reviewCampaign.findUnique({
      where: { id: campaignId },
      select: { name: true, openedAt: true },
    });
    if (!campaign) throw new AppError("NOT_FOUND", "That campaign was not found.");
    const ip = await requestIp();
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: auditActorOf(admin),
        action: "review.report_exported",
        entityType: "ReviewCampaign",
        entityId: campaignId,
        after: { format: "csv" },
        ip,
      }),
    );
    return downloadResponse(
      byteStreamOf(campaignCsvChunks(db, campaignId)),
      "text/csv; charset=utf-8",
      campaignCsvFilename(campaign),
    );
  },
);
