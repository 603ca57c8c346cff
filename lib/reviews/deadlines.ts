// Deadlines of open campaigns: a reminder before the due date, escalation to admins when overdue,
// and closing after the grace period. Each step claims its timestamp column first, so it happens
// once however many workers run the tick.
import type { Db } from "../database/client";
import { recordAudit } from "../audit/service";
import { formatDate } from "../format";
import type { NotifyContext } from "../notifications/service";
import { closeCampaignInTx } from "./close";
import { activeAdminIds, notifyUsers } from "./notify";
import { SYSTEM_ACTOR } from "./open";
import { deadlineSteps } from "./rules";

const DEFAULT_REMINDER_DAYS = 3;

async function pendingByReviewer(db: Pick<Db, "reviewItem">, campaignId: string) {
  const groups = await db.reviewItem.groupBy({
    by: ["reviewerId"],
    where: { campaignId, decision: "pending" },
    _count: { _all: true },
  });
  return groups.map((g) => ({ reviewerId: g.reviewerId, pending: g._count._all }));
}

export async function advanceDeadlines(db: Db, now: Date, ctx: NotifyContext = {}) {
  const open = await db.reviewCampaign.findMany({
    where: { status: "open" },
    select: {
      id: true,
      name: true,
      status: true,
      dueAt: true,
      remindedAt: true,
      escalatedAt: true,
      schedule: { select: { reminderDaysBefore: true } },
    },
  });
  const done = { reminded: [] as string[], escalated: [] as string[], closed: [] as string[] };
  for (const campaign of open) {
    const steps = deadlineSteps(
      campaign,
      campaign.schedule?.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS,
      now,
    );
    const link = `/reviews/${campaign.id}`;
    if (steps.shouldRemind) {
      const sent = await db.$transaction(async (tx) => {
        const claim = await tx.reviewCampaign.updateMany({
          where: { id: campaign.id, remindedAt: null },
          data: { remindedAt: now },
        });
        if (claim.count !== 1) return false;
        const waiting = (await pendingByReviewer(tx, campaign.id)).filter((g) => g.reviewerId);
        for (const g of waiting) {
          await notifyUsers(
            tx,
            [g.reviewerId!],
            {
              kind: "review.reminder",
              title: `Reminder: ${g.pending} grant(s) to review by ${formatDate(campaign.dueAt)}`,
              body: `${campaign.name} is due on ${formatDate(campaign.dueAt)}. ${g.pending} of your items are still unanswered.`,
              link,
            },
            ctx,
          );
        }
        await recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "review.reminders_sent",
          entityType: "ReviewCampaign",
          entityId: campaign.id,
          after: { reviewers: waiting.length },
          at: now,
        });
        return true;
      });
      if (sent) done.reminded.push(campaign.id);
    }
    if (steps.shouldEscalate) {
      const escalated = await db.$transaction(async (tx) => {
        const claim = await tx.reviewCampaign.updateMany({
          where: { id: campaign.id, escalatedAt: null },
          data: { escalatedAt: now },
        });
        if (claim.count !== 1) return false;
        const waiting = await pendingByReviewer(tx, campaign.id);
        const pending = waiting.reduce((sum, g) => sum + g.pending, 0);
        if (pending > 0) {
          await notifyUsers(
            tx,
            await activeAdminIds(tx),
            {
              kind: "review.overdue",
              title: `Overdue access review: ${campaign.name}`,
              body: `${pending} item(s) are unanswered past the due date (${formatDate(campaign.dueAt)}), across ${waiting.length} reviewer(s). They follow the close policy when the campaign closes.`,
              link: "/admin/reviews",
            },
            ctx,
          );
        }
        await recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "review.campaign_escalated",
          entityType: "ReviewCampaign",
          entityId: campaign.id,
          after: { pending },
          at: now,
        });
        return true;
      });
      if (escalated) done.escalated.push(campaign.id);
    }
    if (steps.shouldClose) {
      const closed = await db.$transaction(
        (tx) => closeCampaignInTx(tx, campaign.id, null, now, ctx),
        { timeout: 120_000, maxWait: 30_000 },
      );
      if (closed) done.closed.push(campaign.id);
    }
  }
  return done;
}
