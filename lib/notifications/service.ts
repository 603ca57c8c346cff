// Telling a partner organisation what happened to its apps: an in-app notification for every
// active member and a mail through the outbox, both in the caller's transaction.
import type { Db, Tx } from "../database/client";
import { queueEmail } from "./mail";

export type NotificationInput = { kind: string; title: string; body: string; link?: string };
/** What domain code needs to word a message: the portal's address for links in mail. */
export type NotifyContext = { appUrl?: string };

export async function notifyOrganization(
  tx: Tx,
  organizationId: string,
  notification: NotificationInput,
  ctx: NotifyContext = {},
): Promise<number> {
  const members = await tx.user.findMany({
    where: { organizationId, status: "active", role: "partner" },
    select: { id: true, email: true },
  });
  if (members.length === 0) return 0;
  await tx.notification.createMany({
    data: members.map((m) => ({
      userId: m.id,
      kind: notification.kind,
      title: notification.title,
      body: notification.body,
      link: notification.link ?? null,
    })),
  });
  const link = notification.link
    ? `\n\nOpen it in the portal: ${(ctx.appUrl ?? "").replace(/\/$/, "")}${notification.link}`
    : "";
  for (const member of members) {
    await queueEmail(tx, {
      to: member.email,
      subject: notification.title,
      text: `${notification.body}${link}\n`,
    });
  }
  return members.length;
}

/** An in-app notification for every active admin (no mail: these are for the portal's own staff). */
export async function notifyAdmins(tx: Tx, notification: NotificationInput): Promise<number> {
  const admins = await tx.user.findMany({
    where: { role: "admin", status: "active" },
    select: { id: true },
  });
  await tx.notification.createMany({
    data: admins.map((a) => ({
      userId: a.id,
      kind: notification.kind,
      title: notification.title,
      body: notification.body,
      link: notification.link ?? null,
    })),
  });
  return admins.length;
}

export async function findNotifications(db: Db, userId: string, options: { take?: number } = {}) {
  return db.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 50,
  });
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

export async function markAllRead(db: Db, userId: string, now = new Date()): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null },
    data: { readAt: now },
  });
  return count;
}
