import { requireUser } from "@/lib/auth/current-user";
import { recordAudit } from "@/lib/audit/service";
import { getDb } from "@/lib/db";
import { AppError, httpStatusOf, isAppError } from "@/lib/errors";
import { campaignCsvChunks, campaignCsvFilename } from "@/lib/reviews/report";
import { requestIp } from "@/lib/server/request";
import { auditActorOf } from "@/lib/users/actor";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every item of a campaign as CSV for auditors; admins only, and the export itself is audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ campaignId: string }> }): Promise<Response> {
  try {
    const admin = await requireUser(["admin"]);
    const { campaignId } = await params;
    if (!UUID.test(campaignId)) throw new AppError("NOT_FOUND", "That campaign was not found.");
    const db = getDb();
    const campaign = await db.reviewCampaign.findUnique({ where: { id: campaignId }, select: { name: true, openedAt: true } });
    if (!campaign) throw new AppError("NOT_FOUND", "That campaign was not found.");
    const ip = await requestIp();
    await db.$transaction((tx) => recordAudit(tx, { actor: auditActorOf(admin), action: "review.report_exported", entityType: "ReviewCampaign", entityId: campaignId, after: { format: "csv" }, ip }));
    const chunks = campaignCsvChunks(db, campaignId);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${campaignCsvFilename(campaign)}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) {
      return new Response(`${error.message}\n`, { status: httpStatusOf[error.code], headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    }
    throw error;
  }
}
