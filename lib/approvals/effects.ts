// What follows a grant changing state: the gateway's view moves on, webhooks are queued and the
// partner is told — all inside the transaction that made the change.
import type { Tx } from "../database/client";
import { markGrantsChanged } from "../enforcement/changes";
import { AppError } from "../errors";
import type { ScopeState } from "../generated/prisma/enums";
import { notifyOrganization, type NotifyContext } from "../notifications/service";
import { queueWebhookEvent, type WebhookEventType } from "../webhooks/outbox";

export type DomainContext = NotifyContext & { now?: Date };
export type AppRef = { id: string; name: string; clientId: string; organizationId: string };

export const stateWords: Record<ScopeState, string> = {
  pending: "pending approval",
  changes_requested: "sent back for changes",
  granted: "granted",
  denied: "denied",
  revoked: "revoked",
  withdrawn: "withdrawn",
};

export const decidedElsewhere = (state: ScopeState) =>
  new AppError(
    "CONFLICT",
    `Another decision got there first: this request is now ${stateWords[state]}. Nothing was changed.`,
  );

/**
 * Moves one scope row from `from` to `to` only if nobody changed it since it was read (its
 * version). Concurrent deciders queue on the row lock; all but the first find the version moved.
 */
export async function claimScope(
  tx: Tx,
  row: { id: string; version: number },
  from: ScopeState,
  data: Parameters<Tx["appScope"]["updateMany"]>[0]["data"],
) {
  const { count } = await tx.appScope.updateMany({
    where: { id: row.id, version: row.version, state: from },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    const now = await tx.appScope.findUnique({ where: { id: row.id }, select: { state: true } });
    throw now && now.state !== from
      ? decidedElsewhere(now.state)
      : new AppError(
          "CONFLICT",
          "This request changed while you were looking at it. Reload to see where it stands; nothing was changed.",
        );
  }
}

export async function announceGrantChange(
  tx: Tx,
  app: AppRef,
  change: {
    type: Extract<WebhookEventType, "grant.approved" | "grant.denied" | "grant.revoked">;
    scope: string;
    reason: string | null;
    actorLabel: string;
    extra?: Record<string, unknown>;
  },
  ctx: DomainContext,
) {
  if (change.type !== "grant.denied") await markGrantsChanged(tx, [app.id]);
  await queueWebhookEvent(tx, {
    type: change.type,
    organizationId: app.organizationId,
    appId: app.id,
    at: ctx.now,
    data: {
      clientId: app.clientId,
      appId: app.id,
      appName: app.name,
      scope: change.scope,
      reason: change.reason,
      by: change.actorLabel,
      ...change.extra,
    },
  });
}

const verb = {
  "grant.approved": "Approved",
  "grant.denied": "Denied",
  "grant.revoked": "Revoked",
} as const;

export async function tellPartner(
  tx: Tx,
  app: AppRef,
  message: { kind: string; title: string; lines: string[] },
  ctx: DomainContext,
) {
  await notifyOrganization(
    tx,
    app.organizationId,
    {
      kind: message.kind,
      title: message.title,
      body: message.lines.join("\n"),
      link: `/apps/${app.id}`,
    },
    ctx,
  );
}

export function outcomeTitle(type: keyof typeof verb, scope: string, appName: string) {
  return `${verb[type]}: ${scope} for ${appName}`;
}
