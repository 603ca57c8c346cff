// Deadlines on the approval queue: a reminder to the assignee when an app's requests fall due
// within a business day, and an escalation to every administrator once they are overdue. Each
// request is marked as it is claimed (remindedAt, escalatedAt) in the transaction that writes the
// notifications, so the job may run twice, late or on two instances and tell people once.
import type { Db, Tx } from "../database/client";
import { formatDueDate } from "../format";
import { notifyAdmins, notifyUsers } from "../notifications/admins";
import { addWorkingDays, DEFAULT_RESPONSE_TARGETS } from "../policy";
import type { RecurringJob } from "../recurring-job";
import { getCurrentPolicy } from "./policy-versions";

type Claimed = { appId: string; scope: string; dueAt: Date };

function byApp(rows: Claimed[]) {
  const groups = new Map<string, Claimed[]>();
  for (const r of rows) groups.set(r.appId, [...(groups.get(r.appId) ?? []), r]);
  return groups;
}

async function appsOf(tx: Tx, ids: string[]) {
  const apps = await tx.app.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, approvalAssigneeId: true },
  });
  return new Map(apps.map((a) => [a.id, a]));
}

const link = (name: string) => `/admin/approvals/apps?q=${encodeURIComponent(name)}`;
const listed = (rows: Claimed[]) =>
  `${rows
    .slice(0, 6)
    .map((r) => r.scope)
    .join(", ")}${rows.length > 6 ? ` and ${rows.length - 6} more` : ""}`;

export async function remindAndEscalate(
  db: Db,
  now: Date,
): Promise<{ reminded: number; escalated: number }> {
  const policy = await getCurrentPolicy(db);
  const holidays = (policy.policy.responseTargets ?? DEFAULT_RESPONSE_TARGETS).holidays;
  const soon = addWorkingDays(now, 1, holidays);
  return db.$transaction(async (tx) => {
    const select = { appId: true, scope: true, dueAt: true } as const;
    const overdue = await tx.appScope.updateManyAndReturn({
      where: { state: "pending", escalatedAt: null, dueAt: { lte: now } },
      data: { escalatedAt: now, remindedAt: now },
      select,
    });
    const dueSoon = await tx.appScope.updateManyAndReturn({
      where: { state: "pending", remindedAt: null, dueAt: { gt: now, lte: soon } },
      data: { remindedAt: now },
      select,
    });
    const overdueByApp = byApp(overdue);
    const soonByApp = byApp(dueSoon);
    const apps = await appsOf(tx, [...overdueByApp.keys(), ...soonByApp.keys()]);
    for (const [appId, rows] of overdueByApp) {
      const app = apps.get(appId)!;
      await notifyAdmins(tx, {
        kind: "approval.overdue",
        title: `Overdue: ${rows.length} ${rows.length === 1 ? "request" : "requests"} from ${app.name}`,
        body: `${listed(rows)} passed ${rows.length === 1 ? "its" : "their"} response target (due ${formatDueDate(rows[0]!.dueAt)}). Decide or reassign them.`,
        link: link(app.name),
        at: now,
      });
    }
    for (const [appId, rows] of soonByApp) {
      const app = apps.get(appId)!;
      const notice = {
        kind: "approval.due_soon",
        title: `Due soon: ${app.name}'s requests`,
        body: `${listed(rows)} ${rows.length === 1 ? "is" : "are"} due ${formatDueDate(rows[0]!.dueAt)}.`,
        link: link(app.name),
        at: now,
      };
      // Unassigned sets remind every admin: someone has to pick them up.
      if (app.approvalAssigneeId) await notifyUsers(tx, [app.approvalAssigneeId], notice);
      else await notifyAdmins(tx, notice);
    }
    return { reminded: soonByApp.size, escalated: overdueByApp.size };
  });
}

export const approvalDeadlineJob: RecurringJob = {
  name: "approvals.deadlines",
  cron: "*/15 * * * *",
  run: async ({ db, now }) => {
    await remindAndEscalate(db, now());
  },
};
