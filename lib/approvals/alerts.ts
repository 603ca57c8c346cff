// What administrators are told about the queue: requests arriving, a second approval wanted,
// and deadlines (lib/approvals/deadline-job.ts). In-app notifications in the caller's
// transaction; the e-mail digest picks them up (lib/notifications/digest.ts).
import type { Tx } from "../database/client";
import { formatDueDate } from "../format";
import { notifyAdmins } from "../notifications/admins";

const queueLink = (appName: string) => `/admin/approvals/apps?q=${encodeURIComponent(appName)}`;

export async function announceNewRequests(
  tx: Tx,
  app: { name: string; organizationName?: string },
  pending: { scope: string; dueAt: Date | null }[],
  at: Date,
) {
  if (pending.length === 0) return 0;
  const due = pending.flatMap((p) => (p.dueAt ? [p.dueAt.getTime()] : []));
  const dueLine = due.length ? ` Due ${formatDueDate(new Date(Math.min(...due)))}.` : "";
  const n = pending.length;
  return notifyAdmins(tx, {
    kind: "approval.requested",
    title: `${n} new ${n === 1 ? "request" : "requests"} from ${app.name}`,
    body: `${app.organizationName ? `${app.organizationName} asks` : "Asked"} for ${pending
      .slice(0, 6)
      .map((p) => p.scope)
      .join(", ")}${n > 6 ? ` and ${n - 6} more` : ""}.${dueLine}`,
    link: queueLink(app.name),
    at,
  });
}

export async function askSecondApprover(
  tx: Tx,
  input: { appName: string; scope: string; appScopeId: string; firstAdminId: string; at: Date },
) {
  return notifyAdmins(
    tx,
    {
      kind: "approval.second_wanted",
      title: `Second approval wanted: ${input.scope} for ${input.appName}`,
      body: `One administrator approved ${input.scope}; policy needs a second, different administrator.`,
      link: `/admin/approvals/${input.appScopeId}`,
      at: input.at,
    },
    input.firstAdminId,
  );
}
