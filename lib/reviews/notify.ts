// Messages to staff (reviewers and admins): an in-app notification and a queued mail, in the
// caller's transaction. Partners are told through notifyOrganization instead.
import type { Tx } from "../database/client";
import { queueEmail } from "../notifications/mail";
import type { NotifyContext } from "../notifications/service";

export async function notifyUsers(
  tx: Tx,
  userIds: readonly string[],
  message: { kind: string; title: string; body: string; link: string },
  ctx: NotifyContext = {},
) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const users = await tx.user.findMany({
    where: { id: { in: ids }, status: "active" },
    select: { id: true, email: true },
  });
  if (users.length === 0) return 0;
  await tx.notification.createMany({
    data: users.map((u) => ({
      userId: u.id,
      kind: message.kind,
      title: message.title,
      body: message.body,
      link: message.link,
    })),
  });
  const link = `\n\nOpen it in the portal: ${(ctx.appUrl ?? "").replace(/\/$/, "")}${message.link}`;
  for (const user of users)
    await queueEmail(tx, {
      to: user.email,
      subject: message.title,
      text: `${message.body}${link}\n`,
    });
  return users.length;
}

export async function activeAdminIds(tx: Tx): Promise<string[]> {
  return (
    await tx.user.findMany({ where: { role: "admin", status: "active" }, select: { id: true } })
  ).map((u) => u.id);
}
