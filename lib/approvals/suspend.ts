// Suspending (or reinstating) an app or a whole partner organisation. Grants stay recorded but
// give no access while suspended; the gateway's view changes at once.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db } from "../database/client";
import { recordAudit } from "../audit/service";
import { markGrantsChanged } from "../enforcement/changes";
import { AppError } from "../errors";
import { notifyOrganization } from "../notifications/service";
import { parseOrThrow } from "../validation";
import { queueWebhookEvent } from "../webhooks/outbox";
import type { DomainContext } from "./effects";
import { ZSetAppStatus, ZSetOrganizationStatus } from "./schemas";

export async function setAppStatus(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZSetAppStatus>,
  ctx: DomainContext = {},
) {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZSetAppStatus, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const app = await tx.app.findUnique({
      where: { id: input.appId },
      select: {
        id: true,
        name: true,
        clientId: true,
        organizationId: true,
        status: true,
        statusReason: true,
      },
    });
    if (!app) throw new AppError("NOT_FOUND", "That app was not found.");
    if (app.status === input.status)
      throw new AppError(
        "CONFLICT",
        `${app.name} is already ${input.status}; nothing was changed.`,
      );
    const reason = input.status === "suspended" ? input.reason : null;
    await tx.app.update({
      where: { id: app.id },
      data: { status: input.status, statusReason: reason, statusChangedAt: now },
    });
    await markGrantsChanged(tx, [app.id]);
    if (input.status === "suspended") {
      await queueWebhookEvent(tx, {
        type: "app.suspended",
        organizationId: app.organizationId,
        appId: app.id,
        at: now,
        data: { clientId: app.clientId, appId: app.id, appName: app.name, reason, by: actor.email },
      });
    }
    await notifyOrganization(
      tx,
      app.organizationId,
      {
        kind: input.status === "suspended" ? "app.suspended" : "app.reinstated",
        title:
          input.status === "suspended" ? `${app.name} is suspended` : `${app.name} is active again`,
        body:
          input.status === "suspended"
            ? `${app.name} has no access to the API until the suspension is lifted.\nReason: ${reason}`
            : `${app.name}'s grants apply again.${input.reason ? `\nComment: ${input.reason}` : ""}`,
        link: `/apps/${app.id}`,
      },
      ctx,
    );
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: input.status === "suspended" ? "app.suspended" : "app.reinstated",
      entityType: "App",
      entityId: app.id,
      organizationId: app.organizationId,
      before: { status: app.status, statusReason: app.statusReason },
      after: { status: input.status, statusReason: reason, comment: input.reason },
      at: now,
    });
  });
}

export async function setOrganizationStatus(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZSetOrganizationStatus>,
  ctx: DomainContext = {},
) {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZSetOrganizationStatus, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({
      where: { id: input.organizationId },
      select: { id: true, name: true, status: true, statusReason: true },
    });
    if (!org) throw new AppError("NOT_FOUND", "That organisation was not found.");
    if (org.status === input.status)
      throw new AppError(
        "CONFLICT",
        `${org.name} is already ${input.status}; nothing was changed.`,
      );
    const reason = input.status === "suspended" ? input.reason : null;
    await tx.organization.update({
      where: { id: org.id },
      data: { status: input.status, statusReason: reason },
    });
    const apps = await tx.app.findMany({
      where: { organizationId: org.id },
      select: { id: true, name: true, clientId: true, status: true },
    });
    await markGrantsChanged(
      tx,
      apps.map((a) => a.id),
    );
    if (input.status === "suspended") {
      for (const app of apps.filter((a) => a.status === "active")) {
        await queueWebhookEvent(tx, {
          type: "app.suspended",
          organizationId: org.id,
          appId: app.id,
          at: now,
          data: {
            clientId: app.clientId,
            appId: app.id,
            appName: app.name,
            reason: `Organisation suspended: ${reason}`,
            by: actor.email,
          },
        });
      }
    }
    await notifyOrganization(
      tx,
      org.id,
      {
        kind: input.status === "suspended" ? "organization.suspended" : "organization.reinstated",
        title:
          input.status === "suspended" ? `${org.name} is suspended` : `${org.name} is active again`,
        body:
          input.status === "suspended"
            ? `None of your apps has access to the API until the suspension is lifted.\nReason: ${reason}`
            : `Your apps' grants apply again.${input.reason ? `\nComment: ${input.reason}` : ""}`,
        link: "/apps",
      },
      ctx,
    );
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: input.status === "suspended" ? "organization.suspended" : "organization.reinstated",
      entityType: "Organization",
      entityId: org.id,
      organizationId: org.id,
      before: { status: org.status, statusReason: org.statusReason },
      after: {
        status: input.status,
        statusReason: reason,
        comment: input.reason,
        apps: apps.length,
      },
      at: now,
    });
  });
}
