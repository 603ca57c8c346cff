// Use cases for webhook endpoints, for admins (every endpoint, portal-wide ones included) and
// partners (their own organisation's). Each change is audited in its own transaction.
import { auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import { recordAudit } from "../audit/service";
import type { Db, Tx } from "../database/client";
import { AppError, notFound } from "../errors";
import { outboundPolicyFromEnv, type OutboundPolicy } from "../net";
import { parseOrThrow } from "../validation";
import { canManageEndpoint, ROTATION_OVERLAP_MS, subscribableEvents } from "./rules";
import { ZCreateEndpoint, ZDeliveryId, ZEndpointId } from "./schemas";
import { encryptSecret, generateWebhookSecret } from "./secrets";
import { assertPublicTarget } from "./targets";

export type WebhookDeps = {
  key: Buffer;
  now?: Date;
  /** Where endpoints may point; default: the operator's policy (OUTBOUND_ALLOW_PRIVATE_TARGETS). */
  outbound?: OutboundPolicy;
};
const ENTITY = "webhook_endpoint";

async function loadManageable(tx: Tx, actor: Actor, rawId: z.input<typeof ZEndpointId>) {
  const id = parseOrThrow(ZEndpointId, rawId);
  const endpoint = await tx.webhookEndpoint.findUnique({
    where: { id },
    select: {
      id: true,
      url: true,
      organizationId: true,
      appId: true,
      active: true,
      events: true,
      description: true,
    },
  });
  if (!endpoint || !canManageEndpoint(actor, endpoint)) throw notFound("That webhook endpoint");
  return endpoint;
}

export async function createWebhookEndpoint(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZCreateEndpoint>,
  deps: WebhookDeps,
) {
  if (actor.role !== "admin" && actor.role !== "partner")
    throw new AppError("FORBIDDEN", "Your role does not allow this.");
  const input = parseOrThrow(ZCreateEndpoint, raw);
  const organizationId = actor.role === "partner" ? actor.organizationId : null;
  if (actor.role === "partner" && !organizationId)
    throw new AppError("FORBIDDEN", "Your account belongs to no organisation.");
  const notForYou = input.events.filter((type) => !subscribableEvents(actor.role).includes(type));
  if (notForYou.length)
    throw new AppError(
      "INVALID_INPUT",
      `${notForYou.join(", ")} goes to the portal's own endpoints only.`,
      { events: ["Choose among your organisation's events."] },
    );
  if (actor.role === "admin" && input.appId)
    throw new AppError("INVALID_INPUT", "Portal-wide endpoints receive every app's events.", {
      appId: ["Leave the app empty."],
    });
  await assertPublicTarget(input.url, deps.outbound ?? outboundPolicyFromEnv());
  const secret = generateWebhookSecret();
  const endpoint = await db.$transaction(async (tx) => {
    if (input.appId) {
      const app = await tx.app.findFirst({
        where: { id: input.appId, organizationId: organizationId ?? undefined },
        select: { id: true },
      });
      if (!app)
        throw new AppError("INVALID_INPUT", "Choose one of your apps.", {
          appId: ["Choose one of your apps."],
        });
    }
    const created = await tx.webhookEndpoint.create({
      data: {
        url: input.url,
        description: input.description,
        events: input.events,
        organizationId,
        appId: input.appId,
        secretCiphertext: encryptSecret(secret, deps.key),
        createdById: actor.id,
      },
      select: { id: true, url: true, events: true, organizationId: true, appId: true },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "webhook.created",
      entityType: ENTITY,
      entityId: created.id,
      organizationId,
      after: {
        url: created.url,
        events: created.events,
        appId: created.appId,
        description: input.description,
      },
      at: deps.now,
    });
    return created;
  });
  return { endpoint, secret };
}

/** A new secret now; the old one keeps signing (as a second v1) for 24 hours. */
export async function rotateWebhookSecret(
  db: Db,
  actor: Actor,
  endpointId: z.input<typeof ZEndpointId>,
  deps: WebhookDeps,
) {
  const now = deps.now ?? new Date();
  const secret = generateWebhookSecret();
  await db.$transaction(async (tx) => {
    const endpoint = await loadManageable(tx, actor, endpointId);
    const { secretCiphertext } = await tx.webhookEndpoint.findUniqueOrThrow({
      where: { id: endpoint.id },
      select: { secretCiphertext: true },
    });
    const previousSecretExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secretCiphertext: encryptSecret(secret, deps.key),
        previousSecretCiphertext: secretCiphertext,
        previousSecretExpiresAt,
        secretRotatedAt: now,
      },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "webhook.secret_rotated",
      entityType: ENTITY,
      entityId: endpoint.id,
      organizationId: endpoint.organizationId,
      after: { previousSecretExpiresAt },
      at: now,
    });
  });
  return { secret };
}

export async function setWebhookEndpointActive(
  db: Db,
  actor: Actor,
  endpointId: z.input<typeof ZEndpointId>,
  active: boolean,
  deps: Pick<WebhookDeps, "now"> = {},
) {
  return db.$transaction(async (tx) => {
    const endpoint = await loadManageable(tx, actor, endpointId);
    if (endpoint.active === active) return endpoint;
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { active } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: active ? "webhook.enabled" : "webhook.disabled",
      entityType: ENTITY,
      entityId: endpoint.id,
      organizationId: endpoint.organizationId,
      before: { active: endpoint.active },
      after: { active },
      at: deps.now,
    });
    return { ...endpoint, active };
  });
}

/** Removes the endpoint and its delivery log; the audit trail keeps what it was. */
export async function deleteWebhookEndpoint(
  db: Db,
  actor: Actor,
  endpointId: z.input<typeof ZEndpointId>,
  deps: Pick<WebhookDeps, "now"> = {},
) {
  await db.$transaction(async (tx) => {
    const endpoint = await loadManageable(tx, actor, endpointId);
    const { count } = await tx.webhookDelivery.deleteMany({ where: { endpointId: endpoint.id } });
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "webhook.deleted",
      entityType: ENTITY,
      entityId: endpoint.id,
      organizationId: endpoint.organizationId,
      before: { url: endpoint.url, events: endpoint.events, deliveries: count },
      at: deps.now,
    });
  });
}

/** Queues a `webhook.test` delivery to this endpoint only (disabled endpoints too: it is a check). */
export async function sendTestWebhook(
  db: Db,
  actor: Actor,
  endpointId: z.input<typeof ZEndpointId>,
  deps: Pick<WebhookDeps, "now"> = {},
) {
  const now = deps.now ?? new Date();
  return db.$transaction(async (tx) => {
    const endpoint = await loadManageable(tx, actor, endpointId);
    if (!endpoint.active)
      throw new AppError(
        "CONFLICT",
        "Enable the endpoint first: disabled endpoints receive nothing.",
      );
    const eventId = crypto.randomUUID();
    const delivery = await tx.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventId,
        eventType: "webhook.test",
        nextAttemptAt: now,
        payload: {
          id: eventId,
          type: "webhook.test",
          createdAt: now.toISOString(),
          data: { endpointId: endpoint.id, subscribedEvents: endpoint.events, by: actor.email },
        },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "webhook.test_sent",
      entityType: ENTITY,
      entityId: endpoint.id,
      organizationId: endpoint.organizationId,
      after: { deliveryId: delivery.id },
      at: now,
    });
    return delivery;
  });
}

/** Sends a finished delivery's event again as a new delivery (same event id, so receivers can de-duplicate). */
export async function redeliverWebhook(
  db: Db,
  actor: Actor,
  rawDeliveryId: z.input<typeof ZDeliveryId>,
  deps: Pick<WebhookDeps, "now"> = {},
) {
  const now = deps.now ?? new Date();
  const deliveryId = parseOrThrow(ZDeliveryId, rawDeliveryId);
  return db.$transaction(async (tx) => {
    const original = await tx.webhookDelivery.findUnique({
      where: { id: deliveryId },
      select: {
        id: true,
        endpointId: true,
        eventId: true,
        eventType: true,
        payload: true,
        status: true,
      },
    });
    if (!original) throw notFound("That delivery");
    const endpoint = await loadManageable(tx, actor, original.endpointId);
    if (original.status === "pending")
      throw new AppError(
        "CONFLICT",
        "This delivery is still being retried; wait for it to finish.",
      );
    if (!endpoint.active)
      throw new AppError(
        "CONFLICT",
        "Enable the endpoint first: disabled endpoints receive nothing.",
      );
    const copy = await tx.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventId: original.eventId,
        eventType: original.eventType,
        payload: original.payload ?? {},
        nextAttemptAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "webhook.redelivered",
      entityType: ENTITY,
      entityId: endpoint.id,
      organizationId: endpoint.organizationId,
      after: { deliveryId: copy.id, of: original.id, eventType: original.eventType },
      at: now,
    });
    return copy;
  });
}
