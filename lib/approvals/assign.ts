// Who handles an app's pending requests: an admin assigns the set to themself or to another
// admin (or back to nobody). The assignee gets the deadline reminders.
import type { z } from "zod";
import { assertRole, auditActorOf, type Actor } from "../actor";
import { recordAudit } from "../audit/service";
import type { Db } from "../database/client";
import { AppError } from "../errors";
import { notifyUsers } from "../notifications/admins";
import { parseOrThrow } from "../validation";
import { ZAssignApp } from "./schemas";

export async function assignRequestSet(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZAssignApp>,
  now = new Date(),
): Promise<{ assignee: { id: string; name: string } | null }> {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZAssignApp, raw);
  return db.$transaction(async (tx) => {
    const app = await tx.app.findUnique({
      where: { id: input.appId },
      select: { id: true, name: true, organizationId: true, approvalAssigneeId: true },
    });
    if (!app) throw new AppError("NOT_FOUND", "That app was not found.");
    const assignee = input.assigneeId
      ? await tx.user.findFirst({
          where: { id: input.assigneeId, role: "admin", status: "active" },
          select: { id: true, name: true },
        })
      : null;
    if (input.assigneeId && !assignee)
      throw new AppError("INVALID_INPUT", "Assign the requests to an active administrator.", {
        assigneeId: ["Choose an active administrator."],
      });
    if (app.approvalAssigneeId === (assignee?.id ?? null)) return { assignee };
    await tx.app.update({
      where: { id: app.id },
      data: { approvalAssigneeId: assignee?.id ?? null },
    });
    if (assignee && assignee.id !== actor.id)
      await notifyUsers(tx, [assignee.id], {
        kind: "approval.assigned",
        title: `${app.name}'s requests are assigned to you`,
        body: `${actor.email} assigned ${app.name}'s pending scope requests to you.`,
        link: `/admin/approvals/apps?q=${encodeURIComponent(app.name)}`,
        at: now,
      });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "app.approvals_assigned",
      entityType: "App",
      entityId: app.id,
      organizationId: app.organizationId,
      before: { assigneeId: app.approvalAssigneeId },
      after: { assigneeId: assignee?.id ?? null },
      at: now,
    });
    return { assignee };
  });
}

export async function findAssignableAdmins(db: Db) {
  return db.user.findMany({
    where: { role: "admin", status: "active" },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
    take: 200,
  });
}
