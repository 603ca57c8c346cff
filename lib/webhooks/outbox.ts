// Webhook events are an outbox: queued inside the transaction that caused them, delivered after
// commit, so a rolled-back change never announces itself.
import type { AuditCheckpoint } from "../audit/checkpoints";
import type { Tx } from "../database/client";
import type { Prisma } from "../generated/prisma/client";

export const WEBHOOK_EVENT_TYPES = [
  "grant.approved",
  "grant.denied",
  "grant.revoked",
  "grant.expiring",
  "grant.renewed",
  "app.suspended",
  "app.key_problem",
  "review.closed",
  "audit.checkpoint",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export type WebhookEvent = {
  type: WebhookEventType;
  /** The partner organisation concerned (null for portal-wide events such as review.closed). */
  organizationId: string | null;
  appId: string | null;
  data: Record<string, unknown>;
  at?: Date;
};

/** Queues one delivery per active endpoint subscribed to the event (admins' endpoints get every partner's events). */
export async function queueWebhookEvent(tx: Tx, event: WebhookEvent): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      active: true,
      events: { has: event.type },
      OR: [
        { organizationId: null },
        ...(event.organizationId
          ? [
              {
                organizationId: event.organizationId,
                OR: [{ appId: null }, ...(event.appId ? [{ appId: event.appId }] : [])],
              },
            ]
          : []),
      ],
    },
    select: { id: true },
  });
  if (endpoints.length === 0) return;
  const eventId = crypto.randomUUID();
  const payload = {
    id: eventId,
    type: event.type,
    createdAt: (event.at ?? new Date()).toISOString(),
    data: event.data,
  } as Prisma.InputJsonValue;
  await tx.webhookDelivery.createMany({
    data: endpoints.map((e) => ({
      endpointId: e.id,
      eventId,
      eventType: event.type,
      payload,
      nextAttemptAt: event.at ?? new Date(),
    })),
  });
}

/** A new signed checkpoint of the audit log, for receivers that keep an independent copy. */
export function announceAuditCheckpoint(tx: Tx, checkpoint: AuditCheckpoint): Promise<void> {
  return queueWebhookEvent(tx, {
    type: "audit.checkpoint",
    organizationId: null,
    appId: null,
    data: { ...checkpoint },
    at: new Date(checkpoint.at),
  });
}
