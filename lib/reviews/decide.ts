// A reviewer's decisions on review items. Revoke and narrow change the grant at once through
// the approvals' own revocation, in the same transaction as the decision.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db, Tx } from "../database/client";
import { replaceGrantWithNarrowerInTx, revokeGrantInTx } from "../approvals/revoke";
import type { DomainContext } from "../approvals/effects";
import { recordAudit } from "../audit/service";
import { AppError } from "../errors";
import { parseOrThrow } from "../validation";
import { ZBulkCertify, ZItemDecision } from "./schemas";
import { stillGranted } from "./item-context";
import { BULK_CERTIFIABLE_RISK } from "./rules";

const decisionOf = { certify: "certified", revoke: "revoked", narrow: "narrowed" } as const;

async function loadItem(tx: Tx, actor: Actor, itemId: string) {
  const item = await tx.reviewItem.findUnique({ where: { id: itemId } });
  // Another reviewer's item is reported as missing, like any record outside one's reach.
  if (!item || (item.reviewerId !== null && item.reviewerId !== actor.id))
    throw new AppError("NOT_FOUND", "That review item was not found.");
  const campaign = await tx.reviewCampaign.findUniqueOrThrow({
    where: { id: item.campaignId },
    select: { id: true, status: true, name: true },
  });
  if (campaign.status !== "open")
    throw new AppError("CONFLICT", "This campaign is closed; its decisions can no longer change.");
  if (item.decision !== "pending")
    throw new AppError("CONFLICT", "This item was already decided; nothing was changed.");
  const appScope = await tx.appScope.findUniqueOrThrow({
    where: { id: item.appScopeId },
    select: { state: true },
  });
  return { ...item, campaign, appScope };
}

export async function decideReviewItem(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZItemDecision>,
  ctx: DomainContext = {},
) {
  assertRole(actor, "reviewer");
  const input = parseOrThrow(ZItemDecision, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const item = await loadItem(tx, actor, input.itemId);
    if (input.kind === "certify" && item.appScope.state !== "granted") {
      throw new AppError(
        "CONFLICT",
        "This grant was revoked since the campaign opened; there is nothing left to certify.",
      );
    }
    let narrowedTo: string | null = null;
    if (input.kind === "revoke") {
      await revokeGrantInTx(
        tx,
        actor,
        { appScopeId: item.appScopeId, reason: input.reason },
        { ...ctx, now },
        "review",
      );
    } else if (input.kind === "narrow") {
      narrowedTo = (
        await replaceGrantWithNarrowerInTx(
          tx,
          actor,
          { appScopeId: item.appScopeId, narrowedScope: input.narrowedScope, reason: input.reason },
          { ...ctx, now },
          "review",
        )
      ).scope;
    }
    const { count } = await tx.reviewItem.updateMany({
      where: { id: item.id, decision: "pending" },
      data: {
        decision: decisionOf[input.kind],
        reason: input.reason,
        narrowedTo,
        decidedById: actor.id,
        decidedAt: now,
      },
    });
    if (count !== 1)
      throw new AppError("CONFLICT", "This item was decided meanwhile; nothing was changed.");
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "review.item_decided",
      entityType: "ReviewItem",
      entityId: item.id,
      organizationId: item.organizationId,
      before: { decision: "pending", scope: item.scope },
      after: {
        decision: decisionOf[input.kind],
        reason: input.reason,
        narrowedTo,
        campaignId: item.campaignId,
      },
      at: now,
    });
    return { itemId: item.id, decision: decisionOf[input.kind], narrowedTo };
  });
}

/**
 * Certifies the selected low-risk items in one go. Items that are not low risk, not the reviewer's,
 * already decided or no longer granted are skipped and counted, never silently certified.
 */
export async function bulkCertifyItems(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZBulkCertify>,
  ctx: { now?: Date } = {},
) {
  assertRole(actor, "reviewer");
  const input = parseOrThrow(ZBulkCertify, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const campaign = await tx.reviewCampaign.findUnique({
      where: { id: input.campaignId },
      select: { status: true },
    });
    if (!campaign) throw new AppError("NOT_FOUND", "That campaign was not found.");
    if (campaign.status !== "open")
      throw new AppError(
        "CONFLICT",
        "This campaign is closed; its decisions can no longer change.",
      );
    const eligible = await tx.reviewItem.findMany({
      where: {
        id: { in: input.itemIds },
        campaignId: input.campaignId,
        decision: "pending",
        risk: BULK_CERTIFIABLE_RISK,
        OR: [{ reviewerId: actor.id }, { reviewerId: null }],
      },
      select: { id: true, appScopeId: true },
    });
    const granted = await stillGranted(
      tx,
      eligible.map((e) => e.appScopeId),
    );
    const ids = eligible.filter((e) => granted.has(e.appScopeId)).map((e) => e.id);
    const { count } = await tx.reviewItem.updateMany({
      where: { id: { in: ids }, decision: "pending" },
      data: { decision: "certified", decidedById: actor.id, decidedAt: now },
    });
    if (count > 0) {
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "review.items_bulk_certified",
        entityType: "ReviewCampaign",
        entityId: input.campaignId,
        after: { certified: count, itemIds: ids },
        at: now,
      });
    }
    return { certified: count, skipped: input.itemIds.length - count };
  });
}
