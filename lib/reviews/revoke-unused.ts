// Bulk revoke of the unused grants in a reviewer's part of a campaign: each one ends through the
// approvals' revocation (audit, webhook, decision API) and its item is marked revoked, a batch per
// transaction, so a batch is all-or-nothing and a million grants never sit in one transaction.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db } from "../database/client";
import { getCurrentPolicy } from "../approvals/policy-versions";
import { revokeGrantInTx } from "../approvals/revoke";
import type { DomainContext } from "../approvals/effects";
import { recordAudit } from "../audit/service";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { unusedAfterDays } from "../policy";
import { unusedSince, utcDay } from "../usage/rules";
import { parseOrThrow } from "../validation";
import { unusedGrantSql } from "./queries";
import { ZBulkRevokeUnused } from "./schemas";

const BATCH = 100;

/** FROM … WHERE of the reviewer's pending items whose grant is live and unused since `from`. */
const unusedPendingFrom = (campaignId: string, reviewerId: string, from: string) => Prisma.sql`
  FROM "ReviewItem" i JOIN "AppScope" s ON s."id" = i."appScopeId"
  WHERE i."campaignId" = ${campaignId}::uuid
    AND (i."reviewerId" = ${reviewerId}::uuid OR i."reviewerId" IS NULL)
    AND i."decision" = 'pending' AND s."state" = 'granted' AND ${unusedGrantSql(from)}`;

/** The first day that counts as use under the policy in force. */
export async function unusedFromDay(db: Db, now: Date): Promise<{ from: string; days: number }> {
  const days = unusedAfterDays((await getCurrentPolicy(db)).policy);
  return { from: utcDay(unusedSince(now, days)), days };
}

export async function countUnusedPending(
  db: Db,
  campaignId: string,
  reviewerId: string,
  now = new Date(),
): Promise<number> {
  const { from } = await unusedFromDay(db, now);
  const [row] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS "n" ${unusedPendingFrom(campaignId, reviewerId, from)}`;
  return row.n;
}

export async function bulkRevokeUnusedItems(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZBulkRevokeUnused>,
  ctx: DomainContext = {},
): Promise<{ revoked: number }> {
  assertRole(actor, "reviewer");
  const input = parseOrThrow(ZBulkRevokeUnused, raw);
  const now = ctx.now ?? new Date();
  const campaign = await db.reviewCampaign.findUnique({
    where: { id: input.campaignId },
    select: { status: true },
  });
  if (!campaign) throw new AppError("NOT_FOUND", "That campaign was not found.");
  if (campaign.status !== "open")
    throw new AppError("CONFLICT", "This campaign is closed; its decisions can no longer change.");
  const { from, days } = await unusedFromDay(db, now);
  let revoked = 0;
  for (;;) {
    const done = await db.$transaction(async (tx) => {
      // Locked and skipped when another reviewer's bulk revoke holds them: no item is revoked twice.
      const items = await tx.$queryRaw<
        { id: string; appScopeId: string; organizationId: string; scope: string }[]
      >`SELECT i."id", i."appScopeId", i."organizationId", i."scope"
        ${unusedPendingFrom(input.campaignId, actor.id, from)}
        ORDER BY i."id" LIMIT ${BATCH} FOR UPDATE OF i, s SKIP LOCKED`;
      const reason = `${input.reason} (unused for ${days}+ days)`;
      for (const item of items) {
        await revokeGrantInTx(
          tx,
          actor,
          { appScopeId: item.appScopeId, reason },
          { ...ctx, now },
          "review",
        );
        await tx.reviewItem.update({
          where: { id: item.id },
          data: { decision: "revoked", reason, decidedById: actor.id, decidedAt: now },
        });
      }
      if (items.length > 0)
        await recordAudit(tx, {
          actor: auditActorOf(actor),
          action: "review.unused_bulk_revoked",
          entityType: "ReviewCampaign",
          entityId: input.campaignId,
          after: {
            revoked: items.length,
            itemIds: items.map((i) => i.id),
            reason,
            unusedAfterDays: days,
          },
          at: now,
        });
      return items.length;
    });
    revoked += done;
    if (done < BATCH) break;
  }
  return { revoked };
}
