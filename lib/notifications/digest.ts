// The admins' e-mail digest: notifications not yet mailed, gathered into one message per admin.
// "immediately" admins get one on every run (the job runs every few minutes), "daily" admins at
// most once a day, "off" admins none. Marking the notifications mailed in the same transaction
// that queues the message makes a second run, or a run on a second instance, send nothing twice.
import type { Db } from "../database/client";
import { queueEmail } from "./mail";

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_LISTED = 50;

export function digestIsDue(
  user: { digestFrequency: "immediately" | "daily" | "off"; lastDigestAt: Date | null },
  now: Date,
): boolean {
  if (user.digestFrequency === "off") return false;
  if (user.digestFrequency === "immediately" || !user.lastDigestAt) return true;
  return now.getTime() - user.lastDigestAt.getTime() >= DAY_MS;
}

export async function sendAdminDigests(
  db: Db,
  options: { now: Date; appUrl?: string },
): Promise<number> {
  const admins = await db.user.findMany({
    where: {
      role: "admin",
      status: "active",
      digestFrequency: { not: "off" },
      notifications: { some: { emailedAt: null } },
    },
    select: { id: true, email: true, digestFrequency: true, lastDigestAt: true },
  });
  let sent = 0;
  const base = (options.appUrl ?? "").replace(/\/$/, "");
  for (const admin of admins.filter((a) => digestIsDue(a, options.now))) {
    const isSent = await db.$transaction(async (tx) => {
      // Locks the admin's row: two runners at once send one digest.
      await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${admin.id}::uuid FOR UPDATE`;
      const notes = await tx.notification.findMany({
        where: { userId: admin.id, emailedAt: null },
        orderBy: { createdAt: "asc" },
        select: { id: true, title: true, body: true, link: true },
      });
      if (notes.length === 0) return false;
      const listed = notes.slice(-MAX_LISTED);
      const lines = listed.map(
        (n) => `- ${n.title}\n  ${n.body}${n.link ? `\n  ${base}${n.link}` : ""}`,
      );
      if (notes.length > listed.length)
        lines.unshift(`(${notes.length - listed.length} earlier ones are in the portal.)`);
      await queueEmail(tx, {
        to: admin.email,
        subject: `Scopewarden: ${notes.length} new ${notes.length === 1 ? "notification" : "notifications"}`,
        text: `${lines.join("\n\n")}\n\nChange how often this arrives on your notifications page: ${base}/notifications\n`,
      });
      await tx.notification.updateMany({
        where: { id: { in: notes.map((n) => n.id) } },
        data: { emailedAt: options.now },
      });
      await tx.user.update({ where: { id: admin.id }, data: { lastDigestAt: options.now } });
      return true;
    });
    if (isSent) sent += 1;
  }
  return sent;
}
