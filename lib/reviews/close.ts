// Closing a campaign: unanswered items follow its close policy (flag, or revoke the grant), the
// gateways hear `review.closed`, and the audit log records the outcome — one transaction.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db, Tx } from "../database/client";
import { tellPartner, type DomainContext } from "../approvals/effects";
import { recordAudit } from "../audit/service";
import { markGrantsChanged } from "../enforcement/changes";
import { AppError } from "../errors";
import { parseOrThrow } from "../validation";
import { queueWebhookEvent } from "../webhooks/outbox";
import { SYSTEM_ACTOR } from "./open";
import { unansweredOutcome } from "./rules";
import { ZCloseCampaign } from "./schemas";

const UNANSWERED = "Unanswered when the campaign closed.";

async function revokeUnanswered(
  tx: Tx,
  campaign: { id: string; name: string },
  actor: Actor | null,
  now: Date,
  ctx: DomainContext,
) {
  // Joined in SQL: a campaign can leave a million items unanswered.
  const rows = await tx.$queryRaw<
    {
      appScopeId: string;
      scope: string;
      appId: string;
      name: string;
      clientId: string;
      organizationId: string;
    }[]
  >`
    SELECT i."appScopeId", i."scope", a."id" AS "appId", a."name", a."clientId", a."organizationId"
    FROM "ReviewItem" i
    JOIN "AppScope" s ON s."id" = i."appScopeId"
    JOIN "App" a ON a."id" = s."appId"
    WHERE i."campaignId" = ${campaign.id}::uuid AND i."decision" = 'pending' AND s."state" = 'granted'`;
  if (rows.length === 0) return 0;
  const targets = rows.map(({ appId, name, clientId, organizationId, ...t }) => ({
    ...t,
    app: { id: appId, name, clientId, organizationId },
  }));
  const reason = `Revoked automatically: nobody reviewed it in ${campaign.name}.`;
  const ids = targets.map((t) => t.appScopeId);
  await tx.appScope.updateMany({
    where: { id: { in: ids }, state: "granted" },
    data: {
      state: "revoked",
      stateReason: reason,
      stateChangedAt: now,
      stateChangedById: actor?.id ?? null,
      version: { increment: 1 },
    },
  });
  await tx.scopeEvent.createMany({
    data: ids.map((appScopeId) => ({
      appScopeId,
      fromState: "granted" as const,
      toState: "revoked" as const,
      actorId: actor?.id ?? null,
      reason,
      createdAt: now,
    })),
  });
  const apps = new Map(targets.map((t) => [t.app.id, t.app]));
  await markGrantsChanged(tx, [...apps.keys()]);
  for (const t of targets) {
    const app = t.app;
    await queueWebhookEvent(tx, {
      type: "grant.revoked",
      organizationId: app.organizationId,
      appId: app.id,
      at: now,
      data: {
        clientId: app.clientId,
        appId: app.id,
        appName: app.name,
        scope: t.scope,
        reason,
        by: actor?.email ?? SYSTEM_ACTOR.label,
        source: "review",
      },
    });
  }
  for (const app of apps.values()) {
    const scopes = targets.filter((t) => t.app.id === app.id).map((t) => t.scope);
    await tellPartner(
      tx,
      app,
      {
        kind: "scope.revoked",
        title: `Access review: ${scopes.length} grant(s) revoked for ${app.name}`,
        lines: [...scopes.map((s) => `${s} no longer applies.`), `Reason: ${reason}`],
      },
      ctx,
    );
  }
  return targets.length;
}

/** Closes an open campaign; null when it was closed already (a second worker, or a race with an admin). */
export async function closeCampaignInTx(
  tx: Tx,
  campaignId: string,
  actor: Actor | null,
  now: Date,
  ctx: DomainContext = {},
) {
  const claimed = await tx.reviewCampaign.updateMany({
    where: { id: campaignId, status: "open" },
    data: { status: "closed", closedAt: now },
  });
  if (claimed.count !== 1) return null;
  const campaign = await tx.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  const outcome = unansweredOutcome(campaign.closeAction);
  const revoked =
    outcome === "auto_revoked" ? await revokeUnanswered(tx, campaign, actor, now, ctx) : 0;
  await tx.reviewItem.updateMany({
    where: { campaignId, decision: "pending" },
    data: { decision: outcome, reason: UNANSWERED, decidedAt: now },
  });
  const groups = await tx.reviewItem.groupBy({
    by: ["decision"],
    where: { campaignId },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(groups.map((g) => [g.decision, g._count._all]));
  await queueWebhookEvent(tx, {
    type: "review.closed",
    organizationId: null,
    appId: null,
    at: now,
    data: {
      campaignId,
      name: campaign.name,
      periodKey: campaign.periodKey,
      openedAt: campaign.openedAt.toISOString(),
      closedAt: now.toISOString(),
      closeAction: campaign.closeAction,
      counts,
    },
  });
  await recordAudit(tx, {
    actor: actor ? auditActorOf(actor) : SYSTEM_ACTOR,
    action: "review.campaign_closed",
    entityType: "ReviewCampaign",
    entityId: campaignId,
    before: { status: "open" },
    after: { status: "closed", closeAction: campaign.closeAction, counts, autoRevoked: revoked },
    at: now,
  });
  return { campaignId, counts };
}

/** An admin closes a campaign before its deadline; unanswered items follow the close policy all the same. */
export async function closeCampaign(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZCloseCampaign>,
  ctx: DomainContext = {},
) {
  assertRole(actor, "admin");
  const { campaignId } = parseOrThrow(ZCloseCampaign, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      const exists = await tx.reviewCampaign.findUnique({
        where: { id: campaignId },
        select: { status: true },
      });
      if (!exists) throw new AppError("NOT_FOUND", "That campaign was not found.");
      const closed = await closeCampaignInTx(tx, campaignId, actor, now, ctx);
      if (!closed) throw new AppError("CONFLICT", "This campaign is closed already.");
      return closed;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
