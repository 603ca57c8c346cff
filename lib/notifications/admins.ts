// Telling administrators that work arrived: new requests, second approvals wanted, deadlines
// passing. Each becomes an in-app notification; e-mail follows as a digest (./digest.ts), at each
// admin's chosen frequency, so a busy morning is one message rather than forty.
import type { Tx } from "../database/client";

export type AdminNotice = {
  kind: string;
  title: string;
  body: string;
  link?: string;
  at?: Date;
};

export async function notifyUsers(tx: Tx, userIds: readonly string[], notice: AdminNotice) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: ids.map((userId) => ({
      userId,
      kind: notice.kind,
      title: notice.title,
      body: notice.body,
      link: notice.link ?? null,
      ...(notice.at ? { createdAt: notice.at } : {}),
    })),
  });
  return count;
}

/** Every active administrator, except `exceptId` (the admin whose action caused the notice). */
export async function notifyAdmins(tx: Tx, notice: AdminNotice, exceptId?: string | null) {
  const admins = await tx.user.findMany({
    where: { role: "admin", status: "active", ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  return notifyUsers(
    tx,
    admins.map((a) => a.id),
    notice,
  );
}
